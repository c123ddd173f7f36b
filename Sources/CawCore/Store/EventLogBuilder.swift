import OrderedCollections

/// Turns the lines of a `traj.jsonl` file, one at a time, into an ``EventLogReplay``.
struct EventLogBuilder {
  private var replay = EventLogReplay()
  private let file: String
  private let skimmingContent: Bool
  private var session: JSONObject = [:]
  private var turns: [JSONObject] = []
  private var outputs: [[JSONValue]] = []
  private var lineNumber = 0
  private var sawInvalidUTF8 = false

  init(file: String, skimmingContent: Bool) {
    self.file = file
    self.skimmingContent = skimmingContent
  }

  /// Adds the next line (without its `\n`).
  mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
    lineNumber += 1
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
    replay.lineCount += 1
    let where_ = "\(file) line \(lineNumber)"
    let parsed: (value: JSONValue, sawInvalidUTF8: Bool)
    do {
      parsed = try JSONParser.parseReportingUTF8(line, skimmingContent: skimmingContent)
    } catch {
      replay.problems.append(ReadProblem(location: where_, message: "not JSON (\(error.reason)); skipped"))
      return
    }
    sawInvalidUTF8 = sawInvalidUTF8 || parsed.sawInvalidUTF8
    guard let event = parsed.value.objectValue else {
      replay.problems.append(ReadProblem(location: where_, message: "\(parsed.value.typeName), not an object; skipped"))
      return
    }
    if event["subagent"] != nil {
      replay.subagentLines += 1
      return
    }
    let type = event["type"]?.stringValue ?? ""
    switch type {
    case "metadata":
      replay.metadataLines += 1
      if replay.metadataLines == 1 {
        for key in ["session_id", "created_at", "agent", "model", "system_prompt", "reasoning", "mcp_servers", "metadata"] {
          if let value = event[key] { session[key] = value }
        }
      }
    case "user":
      turns.append(["input": event["message"] ?? ""])
      outputs.append([])
    case "thinking", "text":
      ensureTurn(where_)
      outputs[outputs.count - 1].append(.object(["type": .string(type), "text": event["text"] ?? ""]))
    case "tool_call":
      ensureTurn(where_)
      outputs[outputs.count - 1].append(
        .object([
          "type": "tool_use", "id": event["id"] ?? "", "name": event["name"] ?? "",
          "arguments": event["arguments"] ?? .object([:]), "output": "",
        ]))
    case "tool_result":
      ensureTurn(where_)
      Self.attachResult(event, to: &outputs[outputs.count - 1])
    case "turn_end":
      replay.parentTurnEnds += 1
      ensureTurn(where_)
      if let usage = event["usage"] { turns[turns.count - 1]["usage"] = usage }
      if let duration = event["duration_ms"] { turns[turns.count - 1]["duration_ms"] = duration }
    default:
      replay.problems.append(ReadProblem(location: where_, message: "unknown event type '\(TextSanitizer.singleLine(type, limit: 40))'; skipped"))
    }
  }

  /// Counts a line too long to read (``LineReader/maxLineBytes``), reporting it as skipped.
  mutating func addOversized(_ byteCount: Int) {
    lineNumber += 1
    replay.lineCount += 1
    replay.problems.append(
      ReadProblem(
        location: "\(file) line \(lineNumber)",
        message: "a \(byteCount)-byte line, longer than the \(LineReader.maxLineBytes >> 20) MiB caw-tui reads; skipped"))
  }

  /// The replay of every line added: the rebuilt trajectory and all problems.
  consuming func finish() -> EventLogReplay {
    guard replay.metadataLines > 0 || !turns.isEmpty else { return replay }
    if replay.metadataLines == 0 {
      replay.problems.append(ReadProblem(location: file, message: "no metadata line; session fields are unknown"))
    }
    if sawInvalidUTF8 {
      replay.problems.append(ReadProblem(location: file, message: "contains bytes that are not UTF-8; shown as U+FFFD"))
    }
    var turnValues: [JSONValue] = []
    for (i, var turn) in turns.enumerated() {
      turn["output"] = .array(outputs[i])
      turnValues.append(.object(turn))
    }
    session["turns"] = .array(turnValues)
    var decoder = TrajectoryDecoder(file: file)
    if var rebuilt = decoder.decode(.object(session)) {
      rebuilt.usage = rebuilt.turns.reduce(UsageStats()) { $0 + $1.usage }
      rebuilt.durationMS = rebuilt.turns.reduce(0) { $0 &+ $1.durationMS }
      replay.trajectory = rebuilt
    }
    replay.problems += decoder.problems
    return replay
  }

  private mutating func ensureTurn(_ where_: String) {
    guard turns.isEmpty else { return }
    replay.problems.append(ReadProblem(location: where_, message: "event before any user line; kept in a turn with no input"))
    turns.append(["input": ""])
    outputs.append([])
  }

  private static func attachResult(_ event: JSONObject, to output: inout [JSONValue]) {
    let id = event["id"]
    let index = output.lastIndex { $0["type"]?.stringValue == "tool_use" && $0["id"] == id }
    var block: JSONObject =
      index.flatMap { output[$0].objectValue }
      ?? ["type": "tool_use", "id": event["id"] ?? "", "name": event["name"] ?? "", "arguments": .object([:])]
    block["output"] = event["output"] ?? ""
    if let isError = event["is_error"], isError.isTruthy { block["is_error"] = isError }
    if let sub = event["subagent_trajectory"] { block["subagent_trajectory"] = sub }
    if let index { output[index] = .object(block) } else { output.append(.object(block)) }
  }
}
