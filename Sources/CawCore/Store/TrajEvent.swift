import OrderedCollections
/// Builds the `traj.jsonl` lines caw appends, key for key (spec §2.3).
public enum TrajEvent {
  /// The `metadata` line written once when a session starts.
  public static func metadata(_ t: Trajectory) -> JSONObject {
    [
      "type": "metadata",
      "session_id": .string(t.sessionID),
      "created_at": .string(t.createdAt),
      "agent": .string(t.agent),
      "model": .string(t.model),
      "system_prompt": .string(t.systemPrompt),
      "reasoning": .string(t.reasoning),
      "mcp_servers": .array(t.mcpServers.map(\.jsonValue)),
      "metadata": .object(t.metadata),
    ]
  }

  /// The lines of one finished turn: `user`, one or two per block, then `turn_end`.
  public static func turn(_ turn: Turn, index: Int) -> [JSONObject] {
    let turnIndex = JSONValue.number(.int(index))
    var events: [JSONObject] = [["type": "user", "message": .string(turn.input), "turn_index": turnIndex]]
    for block in turn.output {
      switch block {
      case .thinking(let text):
        events.append(["type": "thinking", "text": .string(text), "turn_index": turnIndex])
      case .text(let text):
        events.append(["type": "text", "text": .string(text), "turn_index": turnIndex])
      case .toolUse(let call):
        events.append([
          "type": "tool_call", "id": .string(call.id), "name": .string(call.name), "arguments": call.arguments,
          "turn_index": turnIndex,
        ])
        var result: JSONObject = [
          "type": "tool_result", "id": .string(call.id), "name": .string(call.name), "output": .string(call.output),
          "is_error": .bool(call.isError), "turn_index": turnIndex,
        ]
        if let sub = call.subagentTrajectory { result["subagent_trajectory"] = sub.jsonValue }
        events.append(result)
      }
    }
    events.append([
      "type": "turn_end", "turn_index": turnIndex, "usage": turn.usage.jsonValue,
      "duration_ms": .number(.int(turn.durationMS)),
    ])
    return events
  }

  /// Serialises events as JSONL (Python `json.dumps` + `\n` each), tagging them with a subagent name.
  public static func lines(_ events: [JSONObject], subagent: String? = nil) -> [UInt8] {
    var bytes: [UInt8] = []
    for var event in events {
      if let subagent { event["subagent"] = .string(subagent) }
      bytes += PythonJSONWriter.bytes(.object(event), style: .singleLine)
      bytes.append(0x0A)
    }
    return bytes
  }
}
