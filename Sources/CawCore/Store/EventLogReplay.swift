import Glibc
import OrderedCollections
/// Rebuilds a trajectory from `traj.jsonl` when `trajectory.json` is missing or torn.
///
/// The first `metadata` line gives the session fields; the parent's `user` … `turn_end` events give the
/// turns (a turn with no `turn_end` yet is kept as in progress). Lines tagged `subagent` are counted but
/// not turned into turns: their content also arrives inside the parent's `tool_result`. Lines that are
/// not JSON objects are reported and skipped.
public struct EventLogReplay: Sendable {
  /// The rebuilt trajectory, nil when the log held no usable line.
  public var trajectory: Trajectory?
  /// Lines that could not be used, and schema problems of the rest.
  public var problems: [ReadProblem] = []
  /// Non-empty lines in the log.
  public var lineCount = 0
  /// `turn_end` lines of the parent agent (not of subagents).
  public var parentTurnEnds = 0
  /// Lines tagged with a subagent name.
  public var subagentLines = 0
  /// `metadata` lines (more than one after a resume into a directory without `trajectory.json`).
  public var metadataLines = 0

  /// Replays the bytes of a `traj.jsonl` file; with `skimmingContent`, text and tool outputs are read as
  /// `""` (see ``JSONParser``).
  public init(_ bytes: [UInt8], file: String = "traj.jsonl", skimmingContent: Bool = false) {
    var session: JSONObject = [:]
    var turns: [JSONObject] = []
    var outputs: [[JSONValue]] = []
    var lineNumber = 0
    var sawInvalidUTF8 = false

    for line in Self.lines(of: bytes) {
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      lineCount += 1
      let where_ = "\(file) line \(lineNumber)"
      let parsed: (value: JSONValue, sawInvalidUTF8: Bool)
      do {
        parsed = try JSONParser.parseReportingUTF8(line, skimmingContent: skimmingContent)
      } catch {
        problems.append(ReadProblem(location: where_, message: "not JSON (\(error.reason)); skipped"))
        continue
      }
      sawInvalidUTF8 = sawInvalidUTF8 || parsed.sawInvalidUTF8
      guard let event = parsed.value.objectValue else {
        problems.append(ReadProblem(location: where_, message: "\(parsed.value.typeName), not an object; skipped"))
        continue
      }
      if event["subagent"] != nil {
        subagentLines += 1
        continue
      }
      let type = event["type"]?.stringValue ?? ""
      switch type {
      case "metadata":
        metadataLines += 1
        if metadataLines == 1 {
          for key in ["session_id", "created_at", "agent", "model", "system_prompt", "reasoning", "mcp_servers", "metadata"] {
            if let value = event[key] { session[key] = value }
          }
        }
      case "user":
        turns.append(["input": event["message"] ?? ""])
        outputs.append([])
      case "thinking", "text":
        ensureTurn(&turns, &outputs, where_)
        outputs[outputs.count - 1].append(.object(["type": .string(type), "text": event["text"] ?? ""]))
      case "tool_call":
        ensureTurn(&turns, &outputs, where_)
        outputs[outputs.count - 1].append(
          .object([
            "type": "tool_use", "id": event["id"] ?? "", "name": event["name"] ?? "",
            "arguments": event["arguments"] ?? .object([:]), "output": "",
          ]))
      case "tool_result":
        ensureTurn(&turns, &outputs, where_)
        attachResult(event, to: &outputs[outputs.count - 1])
      case "turn_end":
        parentTurnEnds += 1
        ensureTurn(&turns, &outputs, where_)
        if let usage = event["usage"] { turns[turns.count - 1]["usage"] = usage }
        if let duration = event["duration_ms"] { turns[turns.count - 1]["duration_ms"] = duration }
      default:
        problems.append(ReadProblem(location: where_, message: "unknown event type '\(TextSanitizer.singleLine(type, limit: 40))'; skipped"))
      }
    }
    guard metadataLines > 0 || !turns.isEmpty else { return }
    if metadataLines == 0 {
      problems.append(ReadProblem(location: file, message: "no metadata line; session fields are unknown"))
    }
    if sawInvalidUTF8 {
      problems.append(ReadProblem(location: file, message: "contains bytes that are not UTF-8; shown as U+FFFD"))
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
      trajectory = rebuilt
    }
    problems += decoder.problems
  }

  /// The lines of `bytes` split at `\n` (found with `memchr`), as `split(omittingEmptySubsequences: false)`.
  private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var start = 0
      while start < buffer.count, let hit = memchr(base + start, 0x0A, buffer.count - start) {
        let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        lines.append(bytes[start..<end])
        start = end + 1
      }
      lines.append(bytes[start...])
    }
    if bytes.isEmpty { lines.append(bytes[...]) }
    return lines
  }

  private mutating func ensureTurn(_ turns: inout [JSONObject], _ outputs: inout [[JSONValue]], _ where_: String) {
    guard turns.isEmpty else { return }
    problems.append(ReadProblem(location: where_, message: "event before any user line; kept in a turn with no input"))
    turns.append(["input": ""])
    outputs.append([])
  }

  private func attachResult(_ event: JSONObject, to output: inout [JSONValue]) {
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
