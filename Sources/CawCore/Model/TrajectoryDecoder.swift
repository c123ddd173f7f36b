import OrderedCollections

/// Reads a ``Trajectory`` from parsed JSON with the rules of caw's `Trajectory.from_dict`.
///
/// Every key is optional, unknown keys are ignored, ints are accepted where floats are expected, and a
/// block whose `type` is neither `text` nor `thinking` is read as a tool call. Where caw would carry a
/// value of the wrong type along (or crash on it), the decoder uses the default instead and records a
/// ``ReadProblem`` naming the JSON path, so a damaged file is shown with its damage, never fatally.
public struct TrajectoryDecoder {
  /// What did not match the schema, in file order.
  public private(set) var problems: [ReadProblem] = []
  private let file: String

  /// Creates a decoder whose problems are reported against `file`.
  public init(file: String = "trajectory.json") {
    self.file = file
  }

  /// Decodes a whole trajectory; `value` must be an object with at least one of a trajectory's fields.
  ///
  /// caw's `from_dict` would read `{}` as an empty session of no agent; it is no recording, so it is not
  /// a trajectory here (the session falls back to `traj.jsonl`, else is broken).
  public mutating func decode(_ value: JSONValue) -> Trajectory? {
    guard let object = value.objectValue else {
      note("", "the top level is \(value.typeName), not an object")
      return nil
    }
    guard Self.fieldNames.contains(where: { object[$0] != nil }) else {
      note("", "an object with none of a trajectory's fields (agent, session_id, turns, …)")
      return nil
    }
    return trajectory(object, path: "")
  }

  /// The keys caw writes at the top of a trajectory.
  static let fieldNames = [
    "agent", "model", "session_id", "created_at", "completed_at", "usage_limited", "system_prompt", "reasoning",
    "mcp_servers", "turns", "usage", "total_usage", "duration_ms", "metadata",
  ]

  /// Decodes a trajectory object found at `path`.
  mutating func trajectory(_ o: JSONObject, path: String) -> Trajectory {
    trajectory(o, path: path) { decoder in
      decoder.array(o, "turns", path).enumerated().compactMap { i, v in
        decoder.turnElement(v, path: "\(decoder.join(path, "turns"))[\(i)]")
      }
    }
  }

  /// Decodes a top-level trajectory object that has `turns`, whose turns `decodeTurns` gives (decoded
  /// elsewhere, their problems adopted in their place among the others).
  mutating func topLevel(_ o: JSONObject, turns decodeTurns: (inout Self) -> [Turn]) -> Trajectory {
    trajectory(o, path: "", turns: decodeTurns)
  }

  /// Decodes the element of a `turns` array found at `path`: a turn, or nil (noted) when not an object.
  mutating func turnElement(_ v: JSONValue, path: String) -> Turn? {
    guard let turnObject = objectOrNote(v, path) else { return nil }
    return turn(turnObject, path: path)
  }

  /// Takes problems found by another decoder, as though found here now.
  mutating func adopt(_ others: [ReadProblem]) { problems += others }

  private mutating func trajectory(
    _ o: JSONObject, path: String, turns decodeTurns: (inout Self) -> [Turn]
  ) -> Trajectory {
    var t = Trajectory(agent: string(o, "agent", path))
    t.model = string(o, "model", path)
    t.sessionID = string(o, "session_id", path)
    t.createdAt = string(o, "created_at", path)
    t.completedAt = string(o, "completed_at", path)
    t.usageLimited = bool(o, "usage_limited", path)
    t.systemPrompt = string(o, "system_prompt", path)
    t.reasoning = string(o, "reasoning", path)
    t.mcpServers = array(o, "mcp_servers", path).enumerated().compactMap { i, v in
      let p = "\(join(path, "mcp_servers"))[\(i)]"
      guard let s = objectOrNote(v, p) else { return nil }
      return mcpServer(s, path: p)
    }
    t.turns = decodeTurns(&self)
    t.usage = usage(o, "usage", path)
    t.durationMS = int(o, "duration_ms", path)
    if let meta = o["metadata"] {
      if let object = meta.objectValue {
        t.metadata = object
      } else {
        note(join(path, "metadata"), "expected an object, found \(meta.typeName); read as {}")
      }
    }
    return t
  }

  mutating func turn(_ o: JSONObject, path: String) -> Turn {
    var turn = Turn(input: string(o, "input", path))
    turn.output = array(o, "output", path).enumerated().compactMap { i, v in
      let p = "\(join(path, "output"))[\(i)]"
      guard let b = objectOrNote(v, p) else { return nil }
      return block(b, path: p)
    }
    turn.usage = usage(o, "usage", path)
    turn.durationMS = int(o, "duration_ms", path)
    return turn
  }

  mutating func block(_ o: JSONObject, path: String) -> ContentBlock {
    if let type = o["type"], type.stringValue == nil {
      note(join(path, "type"), "expected a string, found \(type.typeName); read as a tool call")
    }
    switch o["type"]?.stringValue {
    case "text": return .text(string(o, "text", path))
    case "thinking": return .thinking(string(o, "text", path))
    default:
      var call = ToolUse(id: string(o, "id", path), name: string(o, "name", path))
      call.arguments = o["arguments"] ?? .object([:])
      call.output = string(o, "output", path)
      call.isError = bool(o, "is_error", path)
      if let sub = o["subagent_trajectory"], sub.isTruthy {
        let p = join(path, "subagent_trajectory")
        if let object = objectOrNote(sub, p) { call.subagentTrajectory = trajectory(object, path: p) }
      }
      return .toolUse(call)
    }
  }

  mutating func mcpServer(_ o: JSONObject, path: String) -> MCPServer {
    var server = MCPServer(name: string(o, "name", path))
    server.command = string(o, "command", path)
    server.args = array(o, "args", path).enumerated().compactMap { i, v in
      guard let s = v.stringValue else {
        note("\(join(path, "args"))[\(i)]", "expected a string, found \(v.typeName); left out")
        return nil
      }
      return s
    }
    if let env = o["env"] {
      if let object = env.objectValue {
        for (key, value) in object {
          if let s = value.stringValue {
            server.env[key] = s
          } else {
            note(join(join(path, "env"), key), "expected a string, found \(value.typeName); left out")
          }
        }
      } else {
        note(join(path, "env"), "expected an object, found \(env.typeName); read as {}")
      }
    }
    server.url = string(o, "url", path)
    return server
  }

  mutating func usage(_ o: JSONObject, _ key: String, _ path: String) -> UsageStats {
    guard let value = o[key] else { return UsageStats() }
    let p = join(path, key)
    guard let u = objectOrNote(value, p) else { return UsageStats() }
    var stats = UsageStats()
    stats.inputTokens = int(u, "input_tokens", p)
    stats.outputTokens = int(u, "output_tokens", p)
    stats.cacheReadTokens = int(u, "cache_read_tokens", p)
    stats.cacheWriteTokens = int(u, "cache_write_tokens", p)
    if let cost = u["cost_usd"] {
      if let n = cost.numberValue {
        stats.costUSD = n
      } else {
        note(join(p, "cost_usd"), "expected a number, found \(cost.typeName); read as 0.0")
      }
    }
    return stats
  }

  // MARK: - Fields

  private mutating func string(_ o: JSONObject, _ key: String, _ path: String) -> String {
    guard let value = o[key] else { return "" }
    if let s = value.stringValue { return s }
    note(join(path, key), "expected a string, found \(value.typeName); read as \"\"")
    return ""
  }

  private mutating func bool(_ o: JSONObject, _ key: String, _ path: String) -> Bool {
    guard let value = o[key] else { return false }
    if case .bool(let b) = value { return b }
    note(join(path, key), "expected a boolean, found \(value.typeName); read as \(value.isTruthy)")
    return value.isTruthy
  }

  private mutating func int(_ o: JSONObject, _ key: String, _ path: String) -> Int {
    guard let value = o[key] else { return 0 }
    if let n = value.numberValue, let i = n.intValue { return i }
    if let n = value.numberValue {
      guard n.doubleValue.isFinite, abs(n.doubleValue) < 9.2e18 else {
        note(join(path, key), "expected a whole number, found \(n.pythonLiteral); read as 0")
        return 0
      }
      note(join(path, key), "expected a whole number, found \(n.pythonLiteral); rounded")
      return Int(n.doubleValue.rounded())
    }
    note(join(path, key), "expected a number, found \(value.typeName); read as 0")
    return 0
  }

  private mutating func array(_ o: JSONObject, _ key: String, _ path: String) -> [JSONValue] {
    guard let value = o[key] else { return [] }
    if let a = value.arrayValue { return a }
    note(join(path, key), "expected an array, found \(value.typeName); read as []")
    return []
  }

  private mutating func objectOrNote(_ value: JSONValue, _ path: String) -> JSONObject? {
    if let o = value.objectValue { return o }
    note(path, "expected an object, found \(value.typeName); left out")
    return nil
  }

  private mutating func note(_ path: String, _ message: String) {
    problems.append(ReadProblem(location: path.isEmpty ? file : "\(file): \(path)", message: message))
  }

  private func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }
}
