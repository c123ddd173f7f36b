import OrderedCollections
import CawCore

/// The JSON shapes `list --json` and `show --json` print.
enum SummaryJSON {
  /// One session summary.
  static func value(_ s: SessionSummary) -> JSONValue {
    var o: JSONObject = [
      "id": .string(s.id),
      "path": .string(s.path),
      "status": .string(s.status.rawValue),
      "agent": .string(s.agent),
      "model": .string(s.model),
      "created_at": .string(s.createdAt),
      "completed_at": .string(s.completedAt),
      "turns": int(s.turnCount),
      "turn_in_progress": .bool(s.hasTurnInProgress),
      "tool_calls": int(s.toolCallCount),
      "tool_errors": int(s.toolErrorCount),
      "cost_usd": .number(s.totalUsage.costUSD),
      "total_usage": s.totalUsage.jsonValue,
      "duration_ms": int(s.durationMS),
      "first_user_message": .string(s.firstUserMessage),
      "last_modified": .string(ISOTime.string(secondsSince1970: s.lastModified)),
      "source": s.source.map { .string($0.rawValue) } ?? .null,
      "problems": .array(s.problems.map { .string($0.description) }),
    ]
    if let reason = s.brokenReason { o["broken_reason"] = .string(reason) }
    return .object(o)
  }

  /// One turn's row of `show`.
  static func turn(_ turn: Turn, index: Int) -> JSONValue {
    .object([
      "index": int(index),
      "input": .string(turn.input),
      "blocks": int(turn.output.count),
      "tool_calls": int(turn.toolCalls.count),
      "tool_errors": int(turn.toolCalls.filter(\.isError).count),
      "usage": turn.usage.jsonValue,
      "duration_ms": int(turn.durationMS),
    ])
  }

  private static func int(_ n: Int) -> JSONValue { .number(.int(n)) }
}
