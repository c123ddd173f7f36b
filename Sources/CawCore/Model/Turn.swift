/// One exchange: the user's message and everything the agent produced for it.
public struct Turn: Sendable, Equatable {
  /// The user message exactly as sent (without any system-prompt prefix).
  public var input: String
  /// Text, thinking and tool-call blocks in order.
  public var output: [ContentBlock]
  /// Tokens and cost of this turn.
  public var usage: UsageStats
  /// Wall time of the turn in milliseconds (codex reports 0).
  public var durationMS: Int

  /// Creates a turn with caw's defaults.
  public init(input: String, output: [ContentBlock] = [], usage: UsageStats = UsageStats(), durationMS: Int = 0) {
    self.input = input
    self.output = output
    self.usage = usage
    self.durationMS = durationMS
  }

  /// The tool calls of this turn, in order.
  public var toolCalls: [ToolUse] {
    var calls: [ToolUse] = []
    for block in output {
      if case .toolUse(let call) = block { calls.append(call) }
    }
    return calls
  }

  /// How many tool calls the turn made, and how many of them failed (counted without copying them).
  public var toolCallTally: (calls: Int, errors: Int) {
    var tally = (calls: 0, errors: 0)
    for block in output {
      if case .toolUse(let call) = block {
        tally.calls += 1
        if call.isError { tally.errors += 1 }
      }
    }
    return tally
  }

  /// The last non-empty text block (caw's `Turn.result`), `""` if none.
  public var result: String {
    for block in output.reversed() {
      if case .text(let text) = block, !text.isEmpty { return text }
    }
    return ""
  }
}
