import OrderedCollections
import CawCore

/// The JSON shapes `list --json` and `show --json` print.
enum SummaryJSON {
  /// One session summary.
  static func value(_ s: SessionSummary) -> JSONValue {
    .object(JSONObject(uniqueKeysWithValues: members(s)))
  }

  /// One session summary's members, in order (`list --json` writes them without building an object).
  static func members(_ s: SessionSummary) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [
      ("id", .string(s.id)),
      ("origin", .string(s.origin.rawValue)),
      ("path", .string(s.path)),
      ("status", .string(s.status.rawValue)),
      ("agent", .string(s.agent)),
      ("model", .string(s.model)),
      ("created_at", .string(s.createdAt)),
      ("completed_at", .string(s.completedAt)),
      ("turns", int(s.turnCount)),
      ("turn_in_progress", .bool(s.hasTurnInProgress)),
      ("last_turn_cancelled", .bool(s.lastTurnCancelled)),
      ("tool_calls", int(s.toolCallCount)),
      ("tool_errors", int(s.toolErrorCount)),
      ("cost_usd", .number(s.totalUsage.costUSD)),
      ("cost_known", .bool(s.unpricedTurnCount == 0)),
      ("total_usage", s.totalUsage.jsonValue),
      ("duration_ms", int(s.durationMS)),
      ("first_user_message", .string(s.firstUserMessage)),
      ("last_modified", .string(ISOTime.string(secondsSince1970: s.lastModified))),
      ("source", s.source.map { .string($0.rawValue) } ?? .null),
      ("problems", .array(s.problems.map { .string($0.description) })),
      ("resume_key", s.resumeKey.isEmpty ? .null : .string(s.resumeKey)),
      ("native_path", s.nativePath.map { .string($0) } ?? .null),
      ("project", s.workingDirectory.isEmpty ? .null : .string(s.workingDirectory)),
    ]
    if !s.title.isEmpty { members.append(("title", .string(s.title))) }
    if let reason = s.brokenReason { members.append(("broken_reason", .string(reason))) }
    return members
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
