import CawCore

/// The cells of one timeline row, as text.
public struct TurnRow: Hashable, Sendable {
  /// The turn's index.
  public var index: String
  /// A one-line preview of the user's message.
  public var input: String
  /// Output blocks.
  public var blocks: String
  /// Tool calls.
  public var toolCalls: String
  /// Failed tool calls.
  public var toolErrors: Int
  /// Wall time, `running`, or `–` when none was recorded.
  public var duration: String
  /// Input tokens.
  public var tokensIn: String
  /// Output tokens.
  public var tokensOut: String
  /// Cache-read tokens.
  public var cacheRead: String
  /// Cache-write tokens.
  public var cacheWrite: String
  /// Cost.
  public var cost: String
  /// Whether the turn is still in progress.
  public var inProgress: Bool

  /// The row for turn `index`; `costKnown` is false for a turn with no price (see ``UnpricedTurns``).
  public init(_ turn: Turn, index: Int, inProgress: Bool, costKnown: Bool = true) {
    self.index = String(index)
    input = TextSanitizer.preview(turn.input, limit: 300)
    blocks = String(turn.output.count)
    let tally = turn.toolCallTally
    toolCalls = String(tally.calls)
    toolErrors = tally.errors
    // caw records 0 when the CLI reported no duration (codex): unknown, not instant.
    duration = inProgress ? "running" : turn.durationMS > 0 ? Format.duration(milliseconds: turn.durationMS) : "–"
    tokensIn = Format.tokens(turn.usage.inputTokens)
    tokensOut = Format.tokens(turn.usage.outputTokens)
    cacheRead = Format.tokens(turn.usage.cacheReadTokens)
    cacheWrite = Format.tokens(turn.usage.cacheWriteTokens)
    cost = costKnown ? Format.preciseCost(turn.usage.cost) : "unknown"
    self.inProgress = inProgress
  }
}
