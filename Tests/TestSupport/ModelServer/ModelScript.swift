import CawCore
import OrderedCollections

/// What the scripted model server answers: rules chosen by words in the prompt (the latest user message
/// that is not a tool result), each a list of replies given one per model call of a turn.
public struct ModelScript: Sendable {
  /// The rules, tried in order; the first whose words all appear in the prompt answers.
  public var rules: [Rule]
  /// The replies when no rule matches.
  public var fallback: [Reply]

  /// Creates a script.
  public init(_ rules: [Rule], fallback: [Reply] = [Reply(.text("ok"))]) {
    self.rules = rules
    self.fallback = fallback
  }

  /// One rule: when every word appears in the prompt (case-insensitive), reply with `replies`: the first
  /// reply to the prompt, the next after the tool results of its calls, and so on; the last repeats.
  public struct Rule: Sendable {
    public var words: [String]
    public var replies: [Reply]

    /// Creates a rule.
    public init(_ words: [String], _ replies: [Reply]) {
      self.words = words
      self.replies = replies
    }
  }

  /// One model response.
  public struct Reply: Sendable {
    public var parts: [Part]
    public var usage: Usage
    /// An HTTP error status and message sent instead of a response.
    public var error: (status: Int, message: String)?
    /// A pause before each streamed event, in milliseconds.
    public var delayMS: Int

    /// A response made of `parts`.
    public init(_ parts: Part..., usage: Usage = Usage(), delayMS: Int = 0) {
      self.parts = parts
      self.usage = usage
      self.delayMS = delayMS
    }

    /// An HTTP error instead of a response.
    public static func httpError(_ status: Int, _ message: String) -> Reply {
      var reply = Reply()
      reply.error = (status, message)
      return reply
    }
  }

  /// A piece of a response, streamed as its own content block (Anthropic) or output item (OpenAI).
  public enum Part: Sendable {
    /// Reasoning: an Anthropic thinking block, an OpenAI reasoning item with a summary.
    case thinking(String)
    /// Visible text.
    case text(String)
    /// A tool call: Anthropic `tool_use`, OpenAI `function_call` (with an MCP `namespace` if given).
    case tool(String, input: JSONValue, namespace: String? = nil)
    /// An OpenAI custom (freeform) tool call, e.g. codex's code-mode `exec`.
    case customTool(String, input: String)
    /// Stop streaming and hold the response open until the client goes away (for cancel tests).
    case stall
  }

  /// Token counts reported for a response.
  public struct Usage: Sendable {
    public var input: Int
    public var output: Int
    public var cacheRead: Int
    public var cacheWrite: Int
    public var reasoning: Int

    /// Creates usage figures.
    public init(input: Int = 100, output: Int = 20, cacheRead: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
      self.input = input
      self.output = output
      self.cacheRead = cacheRead
      self.cacheWrite = cacheWrite
      self.reasoning = reasoning
    }
  }

  /// The script as the server reads it (see Tests/ModelServer/README.md).
  public var json: JSONValue {
    .object([
      "rules": .array(rules.map { .object(["words": .array($0.words.map(JSONValue.string)), "replies": Self.json($0.replies)]) }),
      "default": Self.json(fallback),
    ])
  }

  private static func json(_ replies: [Reply]) -> JSONValue {
    .array(
      replies.map { reply in
        var object: JSONObject = [
          "parts": .array(reply.parts.map(json)),
          "usage": .object([
            "input": .number(.int(reply.usage.input)), "output": .number(.int(reply.usage.output)),
            "cache_read": .number(.int(reply.usage.cacheRead)), "cache_write": .number(.int(reply.usage.cacheWrite)),
            "reasoning": .number(.int(reply.usage.reasoning)),
          ]),
          "delay_ms": .number(.int(reply.delayMS)),
        ]
        if let error = reply.error {
          object["error"] = .object(["status": .number(.int(error.status)), "message": .string(error.message)])
        }
        return .object(object)
      })
  }

  private static func json(_ part: Part) -> JSONValue {
    switch part {
    case .thinking(let text): return .object(["thinking": .string(text)])
    case .text(let text): return .object(["text": .string(text)])
    case .tool(let name, let input, let namespace):
      var object: JSONObject = ["tool": .string(name), "input": input]
      if let namespace { object["namespace"] = .string(namespace) }
      return .object(object)
    case .customTool(let name, let input): return .object(["custom_tool": .string(name), "input": .string(input)])
    case .stall: return .object(["stall": .bool(true)])
    }
  }
}
