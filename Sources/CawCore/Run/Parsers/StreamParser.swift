/// Reads one provider's JSON event stream, line by line, into a ``TurnDraft``.
public protocol StreamParser: Sendable {
  /// What has been read so far.
  var draft: TurnDraft { get }
  /// Takes one event (a parsed stdout line).
  mutating func consume(_ event: JSONObject)
  /// The final draft, with the cost filled in from `pricing` where the CLI gave none.
  func finished(pricing: PricingTable) -> TurnDraft
}

/// Makes the parser for a provider.
public enum StreamParsers {
  /// A fresh parser for one turn of `provider` running `model` (`""` if not set); `usageBefore` is the
  /// conversation's running totals so far, for a CLI that reports those (codex).
  public static func make(for provider: Provider, model: String, usageBefore: UsageStats = UsageStats()) -> any StreamParser {
    switch provider {
    case .claudeCode: return ClaudeStreamParser(model: model)
    case .codex: return CodexStreamParser(model: model, usageBefore: usageBefore)
    case .opencode: return OpencodeStreamParser(model: model)
    }
  }
}
