import OrderedCollections

extension UsageStats {
  /// caw's `UsageStats.to_dict()`: the five fields in their canonical order.
  public var jsonValue: JSONValue {
    var builder = JSONObjectBuilder()
    addMembers(to: &builder)
    return .object(builder.object)
  }

  /// Adds the five fields to `sink`, in caw's order.
  public func addMembers(to sink: inout some JSONMemberSink) {
    sink.add("input_tokens", .number(.int(inputTokens)))
    sink.add("output_tokens", .number(.int(outputTokens)))
    sink.add("cache_read_tokens", .number(.int(cacheReadTokens)))
    sink.add("cache_write_tokens", .number(.int(cacheWriteTokens)))
    sink.add("cost_usd", .number(costUSD))
  }
}

extension MCPServer {
  /// caw's server object: `name`, `command`, `args`, `env`, `url`.
  public var jsonValue: JSONValue {
    .object([
      "name": .string(name),
      "command": .string(command),
      "args": .array(args.map(JSONValue.string)),
      "env": .object(JSONObject(uniqueKeysWithValues: env.map { ($0.key, JSONValue.string($0.value)) })),
      "url": .string(url),
    ])
  }
}

extension ContentBlock {
  /// caw's block object; `is_error` only when true, `subagent_trajectory` only when present.
  public var jsonValue: JSONValue {
    switch self {
    case .text(let text): return .object(["type": "text", "text": .string(text)])
    case .thinking(let text): return .object(["type": "thinking", "text": .string(text)])
    case .toolUse(let call):
      var o: JSONObject = [
        "type": "tool_use", "id": .string(call.id), "name": .string(call.name), "arguments": call.arguments,
        "output": .string(call.output),
      ]
      if call.isError { o["is_error"] = .bool(true) }
      if let sub = call.subagentTrajectory { o["subagent_trajectory"] = sub.jsonValue }
      return .object(o)
    }
  }
}

extension Turn {
  /// caw's turn object: `input`, `output`, `usage`, `duration_ms`.
  public var jsonValue: JSONValue {
    .object([
      "input": .string(input),
      "output": .array(output.map(\.jsonValue)),
      "usage": usage.jsonValue,
      "duration_ms": .number(.int(durationMS)),
    ])
  }
}

extension Trajectory {
  /// caw's `Trajectory.to_dict()`, with `total_usage` recomputed recursively.
  public var jsonValue: JSONValue {
    .object([
      "agent": .string(agent),
      "model": .string(model),
      "session_id": .string(sessionID),
      "created_at": .string(createdAt),
      "completed_at": .string(completedAt),
      "usage_limited": .bool(usageLimited),
      "system_prompt": .string(systemPrompt),
      "reasoning": .string(reasoning),
      "mcp_servers": .array(mcpServers.map(\.jsonValue)),
      "turns": .array(turns.map(\.jsonValue)),
      "usage": usage.jsonValue,
      "total_usage": totalUsage.jsonValue,
      "duration_ms": .number(.int(durationMS)),
      "metadata": .object(metadata),
    ])
  }

  /// The bytes of `trajectory.json` as caw's store writes it: indent 2, ASCII escapes, trailing newline.
  public func trajectoryFileBytes() -> [UInt8] {
    var bytes = PythonJSONWriter.bytes(jsonValue, style: .indented)
    bytes.append(0x0A)
    return bytes
  }

  /// The export form, as caw's `save_trajectory` writes it: indent 2, no trailing newline.
  public func exportBytes() -> [UInt8] {
    PythonJSONWriter.bytes(jsonValue, style: .indented)
  }

  /// Parses `trajectory.json` bytes; problems with the schema are returned, unreadable JSON throws.
  ///
  /// With `skimmingContent`, blocks' text and tool outputs are read as `""` (see ``JSONParser``); all
  /// else, problems included, is what a full read gives.
  public static func read(
    _ bytes: some Collection<UInt8>, file: String = "trajectory.json", skimmingContent: Bool = false
  ) throws(JSONParseError) -> (trajectory: Trajectory?, problems: [ReadProblem]) {
    let (value, invalidUTF8) = try JSONParser.parseReportingUTF8(bytes, skimmingContent: skimmingContent)
    var decoder = TrajectoryDecoder(file: file)
    let trajectory = decoder.decode(value)
    var problems = decoder.problems
    if invalidUTF8 { problems.insert(invalidUTF8Problem(file), at: 0) }
    return (trajectory, problems)
  }

  /// The problem a file with bytes that are not UTF-8 gets.
  static func invalidUTF8Problem(_ file: String = "trajectory.json") -> ReadProblem {
    ReadProblem(location: file, message: "contains bytes that are not UTF-8; shown as U+FFFD")
  }
}
