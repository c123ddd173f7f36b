import CawCore

/// The cells of one session-list row, as text: pure, testable without a grid.
public struct SessionRow: Hashable, Sendable {
  /// The session id.
  public var id: String
  /// How the session stands.
  public var status: DisplayStatus
  /// Provider name.
  public var provider: String
  /// Model name.
  public var model: String
  /// The project (the last part of the directory the agent worked in), or `-` when unrecorded.
  public var project: String
  /// Relative start time.
  public var started: String
  /// Turns, as text.
  public var turns: String
  /// Tool calls (subagents' included).
  public var toolCalls: String
  /// Failed tool calls.
  public var toolErrors: String
  /// Total cost.
  public var cost: String
  /// The first prompt, or why the session is broken.
  public var firstPrompt: String

  /// The row for `summary` at time `now` (seconds since 1970); `recording` when a run is recording it.
  public init(_ summary: SessionSummary, now: Double, recording: Bool = false) {
    id = summary.id
    status = DisplayStatus(summary, recording: recording, now: now)
    provider = TextSanitizer.singleLine(summary.agent.isEmpty ? "?" : summary.agent)
    model = TextSanitizer.singleLine(summary.model.isEmpty ? "-" : summary.model)
    project = summary.project.isEmpty ? "-" : TextSanitizer.singleLine(summary.project)
    started = RelativeTime.describe(summary.createdAt, now: now)
    turns = String(summary.turnCount)
    toolCalls = String(summary.toolCallCount)
    toolErrors = String(summary.toolErrorCount)
    cost = Format.cost(summary.totalUsage.cost, unpricedTurns: summary.unpricedTurnCount, turns: summary.turnCount)
    firstPrompt =
      summary.status == .broken
      ? "broken: " + TextSanitizer.singleLine(summary.brokenReason ?? "unreadable", limit: 300)
      : TextSanitizer.preview(summary.firstUserMessage, limit: 300)
  }

  /// The visible columns' text, lowercased, for `/` filtering.
  public var searchText: String {
    // The whole id, so a pasted id (or any prefix of it longer than the 8 characters shown) finds its row.
    let text = [status.rawValue, id, provider, model, project, started, turns, toolCalls, toolErrors, cost, firstPrompt]
      .joined(separator: " ")
    // ASCII (most rows) is lowercased byte by byte; the rest by the standard library's Unicode rules.
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased() }
    return String(decoding: text.utf8.map { ($0 &- 0x41) < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}
