extension PricingTable {
  /// The built-in prices (USD per million tokens). caw 0.1.9's `pricing.json` entries come first, with
  /// the same numbers; Claude models price cache writes at the 5-minute rate.
  static let builtInJSON = """
    {
      "_comment": "USD per 1 million tokens, keyed by agent then model",
      "codex": {
        "gpt-5.2-codex": {"input": 1.75, "cached_input": 0.175, "output": 14.0},
        "gpt-5.3-codex": {"input": 1.75, "cached_input": 0.175, "output": 14.0},
        "gpt-5.3-codex-spark": {"input": 0.25, "cached_input": 0.025, "output": 2.0},
        "gpt-5.2": {"input": 1.75, "cached_input": 0.175, "output": 14.0},
        "gpt-5.1-codex": {"input": 1.25, "cached_input": 0.125, "output": 10.0},
        "gpt-5.1-codex-mini": {"input": 0.25, "cached_input": 0.025, "output": 2.0},
        "gpt-5.1": {"input": 1.25, "cached_input": 0.125, "output": 10.0},
        "gpt-5-codex": {"input": 1.25, "cached_input": 0.125, "output": 10.0},
        "gpt-5": {"input": 1.25, "cached_input": 0.125, "output": 10.0},
        "gpt-5-mini": {"input": 0.25, "cached_input": 0.025, "output": 2.0}
      },
      "opencode": {
        "openai/gpt-5.3-codex": {"input": 1.75, "cached_input": 0.175, "output": 14.0},
        "openai/gpt-5.3-codex-spark": {"input": 0.25, "cached_input": 0.025, "output": 2.0},
        "openai/gpt-5.2-codex": {"input": 1.75, "cached_input": 0.175, "output": 14.0}
      },
      "claude_code": {
        "claude-opus-4-6": {"input": 5.0, "cached_input": 0.5, "output": 25.0, "cache_write": 6.25},
        "claude-opus-4-5": {"input": 5.0, "cached_input": 0.5, "output": 25.0, "cache_write": 6.25},
        "claude-opus-4-1": {"input": 15.0, "cached_input": 1.5, "output": 75.0, "cache_write": 18.75},
        "claude-opus-4": {"input": 15.0, "cached_input": 1.5, "output": 75.0, "cache_write": 18.75},
        "claude-sonnet-4-6": {"input": 3.0, "cached_input": 0.3, "output": 15.0, "cache_write": 3.75},
        "claude-sonnet-4-5": {"input": 3.0, "cached_input": 0.3, "output": 15.0, "cache_write": 3.75},
        "claude-sonnet-4": {"input": 3.0, "cached_input": 0.3, "output": 15.0, "cache_write": 3.75},
        "claude-3-7-sonnet": {"input": 3.0, "cached_input": 0.3, "output": 15.0, "cache_write": 3.75},
        "claude-haiku-4-5": {"input": 1.0, "cached_input": 0.1, "output": 5.0, "cache_write": 1.25},
        "claude-3-5-haiku": {"input": 0.8, "cached_input": 0.08, "output": 4.0, "cache_write": 1.0},
        "opus": {"input": 5.0, "cached_input": 0.5, "output": 25.0, "cache_write": 6.25},
        "sonnet": {"input": 3.0, "cached_input": 0.3, "output": 15.0, "cache_write": 3.75},
        "haiku": {"input": 1.0, "cached_input": 0.1, "output": 5.0, "cache_write": 1.25}
      }
    }
    """
}
