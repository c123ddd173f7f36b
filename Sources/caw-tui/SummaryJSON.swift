import OrderedCollections
import CawCore

/// The JSON shapes `list --json` and `show --json` print.
enum SummaryJSON {
  /// One session summary.
  static func value(_ s: SessionSummary) -> JSONValue {
    var builder = JSONObjectBuilder()
    members(s, into: &builder)
    return .object(builder.object)
  }

  /// One session summary's members, in order (`list --json` writes them as they come).
  static func members(_ s: borrowing SessionSummary, into sink: inout some JSONMemberSink) {
    sink.add("id", .string(s.id))
    sink.add("origin", .string(s.origin.rawValue))
    sink.add("path", .string(s.path))
    sink.add("status", .string(s.status.rawValue))
    sink.add("agent", .string(s.agent))
    sink.add("model", .string(s.model))
    sink.add("created_at", .string(s.createdAt))
    sink.add("completed_at", .string(s.completedAt))
    sink.add("turns", int(s.turnCount))
    sink.add("turn_in_progress", .bool(s.hasTurnInProgress))
    sink.add("last_turn_cancelled", .bool(s.lastTurnCancelled))
    sink.add("tool_calls", int(s.toolCallCount))
    sink.add("tool_errors", int(s.toolErrorCount))
    sink.add("cost_usd", .number(s.totalUsage.costUSD))
    sink.add("cost_known", .bool(s.unpricedTurnCount == 0))
    let usage = s.totalUsage  // the closure takes the usage, not the summary
    sink.addObject("total_usage") { usage.addMembers(to: &$0) }
    sink.add("duration_ms", int(s.durationMS))
    sink.add("first_user_message", .string(s.firstUserMessage))
    sink.add("last_modified", .string(ISOTime.string(secondsSince1970: s.lastModified)))
    sink.add("source", s.source.map { .string($0.rawValue) } ?? .null)
    sink.add("problems", .array(s.problems.map { .string($0.description) }))
    sink.add("resume_key", s.resumeKey.isEmpty ? .null : .string(s.resumeKey))
    sink.add("native_path", s.nativePath.map { .string($0) } ?? .null)
    sink.add("project", s.workingDirectory.isEmpty ? .null : .string(s.workingDirectory))
    if !s.title.isEmpty { sink.add("title", .string(s.title)) }
    if let reason = s.brokenReason { sink.add("broken_reason", .string(reason)) }
  }

  /// One turn's row of `show`; `cancelled` when it was interrupted, `costKnown` false when no price was
  /// found for it (its `cost_usd` is then 0 and means nothing).
  static func turn(_ turn: Turn, index: Int, cancelled: Bool, costKnown: Bool) -> JSONValue {
    .object([
      "index": int(index),
      "cancelled": .bool(cancelled),
      "cost_known": .bool(costKnown),
      "input": .string(turn.input),
      "blocks": int(turn.output.count),
      "tool_calls": int(turn.toolCallTally.calls),
      "tool_errors": int(turn.toolCallTally.errors),
      "usage": turn.usage.jsonValue,
      "duration_ms": int(turn.durationMS),
    ])
  }

  private static func int(_ n: Int) -> JSONValue { .number(.int(n)) }
}
