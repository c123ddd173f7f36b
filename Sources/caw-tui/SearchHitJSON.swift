import CawCore
import OrderedCollections

/// The JSON object `search --json` prints for a hit.
enum SearchHitJSON {
  /// One hit: where it is (the session's turn, 0-based; for a subagent's block, the turn that called it),
  /// the block's full location, what matched and where in the block, a snippet, and the session's facts.
  static func value(_ hit: SearchHit) -> JSONValue {
    .object([
      "session_id": .string(hit.sessionID),
      "turn": int(hit.turn),
      "block": hit.block.map(int) ?? .null,
      "location": .array(hit.location.map { .object(["turn": int($0.turn), "block": $0.block < 0 ? .null : int($0.block)]) }),
      "depth": int(hit.depth),
      "kind": .string(hit.kind.rawValue),
      "tool": hit.toolName.map(JSONValue.string) ?? .null,
      "field": .string(hit.field.rawValue),
      "offset": int(hit.offset),
      "line": int(hit.line),
      "match": .string(hit.matchedText),
      "snippet": .string(hit.snippet),
      "agent": .string(hit.session.agent),
      "model": .string(hit.session.model),
      "status": .string(hit.session.status.rawValue),
      "created_at": .string(hit.session.createdAt),
      "project": hit.session.workingDirectory.map(JSONValue.string) ?? .null,
      "origin": .string(hit.session.origin.rawValue),
    ])
  }

  private static func int(_ n: Int) -> JSONValue { .number(.int(n)) }
}
