import OrderedCollections

/// What a stream parser has read of one turn so far.
public struct TurnDraft: Sendable, Equatable {
  /// Text, thinking and tool-call blocks in stream order.
  public var blocks: [ContentBlock] = []
  /// Token counts and cost as the CLI reported them (cost filled in from prices at the end if needed).
  public var usage = UsageStats()
  /// The CLI's own turn duration (claude's `result.duration_ms`), if it gave one.
  public var durationMS: Int?
  /// The provider-side session key seen in the stream: claude's `session_id`, codex's `thread_id`,
  /// opencode's `sessionID`.
  public var sessionKey: String?
  /// The model the stream names (claude's `init` line).
  public var model: String?
  /// Why the turn failed, when the stream reported a fatal error.
  public var failure: String?
  /// Why a turn the CLI finished failed: an API error claude reported as its answer, an error item that
  /// ended a codex turn. The turn is recorded and marked failed.
  public var turnError: String?
  /// The conversation's running token totals the CLI reported, when its usage report is one (codex).
  public var cumulativeUsage: UsageStats?
  /// Event or item types this parser does not know, with how often each appeared.
  public var unknownTypes: OrderedDictionary<String, Int> = [:]
  /// Whether the CLI reported usage (claude `result`, codex `turn.completed`, opencode `step_finish`).
  public var sawUsageReport = false
  /// Whether the cost is unknown: tokens were used, the CLI reported no cost and the price table has
  /// none for the model (see ``UnpricedTurns``).
  public var costUnknown = false

  /// Creates an empty draft.
  public init() {}

  /// The draft as a finished turn with `input`: subagent markers are removed from tool outputs as caw
  /// removes them at turn end, and `fallback` is the duration when the CLI reported none.
  public func turn(input: String, durationMS fallback: Int = 0) -> Turn {
    Turn(input: input, output: SubagentMarker.strip(blocks), usage: usage, durationMS: durationMS ?? fallback)
  }

  /// Counts one unknown event or item type.
  mutating func noteUnknown(_ type: String) {
    unknownTypes[type, default: 0] += 1
  }
}
