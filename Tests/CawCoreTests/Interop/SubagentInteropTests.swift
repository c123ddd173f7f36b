import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui run --agents` with the fake CLIs (Tests/Interop/subagents.py): subagents served over MCP,
/// called by the fakes through the Python `mcp` client, recorded as caw records them, read by Python
/// caw 0.1.9, and compared with what Python caw itself records for the same scenario.
@Suite("Subagents over MCP, against Python caw", .serialized)
struct SubagentInteropTests {
  struct Setup {
    let tree = TempTree("caw-subagents")
    let cases: [JSONValue]
    let fakes: FakeCLIs
    let environment: [String: String]
    let work: String

    init() throws {
      let scenario = tree.path + "/scenario.json"
      cases = try Interop.json("subagents.py", ["cases", scenario])["cases"]?.arrayValue ?? []
      fakes = FakeCLIs(scenario: scenario, log: tree.path + "/fake.log", home: tree.path)
      let python = try Interop.python.get()
      environment = fakes.environment(pythonDirectory: URL(fileURLWithPath: python).deletingLastPathComponent().path)
      work = tree.path + "/work"
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    }

    func testCase(_ name: String) throws -> JSONValue {
      try #require(cases.first { $0["name"]?.stringValue == name }, "no case \(name)")
    }

    /// The `--agents` file of a case.
    func agentsFile(_ testCase: JSONValue) throws -> String {
      let path = tree.path + "/agents-\(testCase["name"]?.stringValue ?? "").json"
      try Data(PythonJSONWriter.bytes(testCase["agents"] ?? .null, style: .indented)).write(to: URL(fileURLWithPath: path))
      return path
    }
  }

  @Test("claude -> codex -> claude, two deep: recorded as caw records it, shown live, read by Python caw")
  func nested() async throws {
    let setup = try Setup()
    let testCase = try setup.testCase("nested")
    let data = setup.tree.path + "/swift"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRun.cawTUI)
    process.arguments = [
      "run", "--data-dir", data, "--provider", "claude", "--agents", try setup.agentsFile(testCase), "--cwd", setup.work,
      "--log-level", "info", testCase["prompt"]?.stringValue ?? "",
    ]
    process.environment = setup.environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = ReadAll(output.fileHandleForReading)
    let stderr = ReadAll(errors.fileHandleForReading)

    // While the subagents run, the parent's snapshot shows the running subagent under its tool call,
    // growing: the codex reviewer's turn, and inside it the claude style checker's.
    var seenBlockCounts: Set<Int> = []
    var sawNestedLive = false
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline {
      if let id = try? FileManager.default.contentsOfDirectory(atPath: data + "/sessions").first,
        let bytes = try? Data(contentsOf: URL(fileURLWithPath: "\(data)/sessions/\(id)/trajectory.json")),
        let snapshot = try? JSONParser.parse(Array(bytes)),
        let call = snapshot["turns"]?[0]?["output"]?.arrayValue?.first(where: { $0["type"] == "tool_use" }),
        call["output"] == "", let sub = call["subagent_trajectory"]
      {
        #expect(sub["agent"] == "codex")
        seenBlockCounts.insert(sub["turns"]?[0]?["output"]?.arrayValue?.count ?? -1)
        if sub["turns"]?[0]?["output"]?[1]?["subagent_trajectory"]?["agent"] == "claude_code" { sawNestedLive = true }
      }
      try await Task.sleep(for: .milliseconds(25))
    }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "caw-tui run failed: \(stderr.text)")
    #expect(seenBlockCounts.count >= 2, "the running subagent did not grow in the parent's snapshot: \(seenBlockCounts)")
    #expect(sawNestedLive, "the nested running subagent never showed inside the running one")
    #expect(stdout.text.contains("The reviewer found one bug."))
    #expect(stderr.text.contains("info: tool_call mcp__subagent__code_reviewer"))
    #expect(stderr.text.contains("info: tool_call subagent.style_checker"))

    let id = try #require(try FileManager.default.contentsOfDirectory(atPath: data + "/sessions").first)
    let directory = "\(data)/sessions/\(id)"
    let events = try Self.lines(directory + "/traj.jsonl")
    // The metadata line, the first-level subagent's turn (tagged, before the parent's), the parent's.
    #expect(events.map { $0["type"]?.stringValue ?? "?" } == [
      "metadata", "user", "thinking", "tool_call", "tool_result", "text", "turn_end",
      "user", "text", "tool_call", "tool_result", "text", "turn_end",
    ])
    #expect(events[0]["mcp_servers"]?[0]?["name"] == "subagent")
    for event in events[1...6] {
      #expect(event.objectValue?.keys.last == "subagent" && event["subagent"] == "code reviewer", "\(event)")
      #expect(event["turn_index"] == 0)
    }
    for event in events[7...] { #expect(event["subagent"] == nil) }
    #expect(!events.contains { $0["subagent"] == "style checker" }, "only the first level goes to traj.jsonl")
    let nestedResult = events[4]
    #expect(nestedResult.objectValue?.keys.elementsEqual(
      ["type", "id", "name", "output", "is_error", "turn_index", "subagent_trajectory", "subagent"]) == true)
    #expect(nestedResult["subagent_trajectory"]?["agent"] == "claude_code")

    let trajectory = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/trajectory.json"))))
    let call = try #require(trajectory["turns"]?[0]?["output"]?[1])
    #expect(call["name"] == "mcp__subagent__code_reviewer")
    #expect(call["output"] == "Bug: off-by-one in the loop. Style: see the checker.", "marker removed")
    let reviewer = try #require(call["subagent_trajectory"])
    #expect(reviewer["agent"] == "codex" && reviewer["model"] == "gpt-5.3-codex")
    #expect(reviewer["completed_at"] == "" && reviewer["system_prompt"] == "You review code.")
    #expect(reviewer["mcp_servers"]?[0]?["name"] == "subagent")
    let checkerCall = try #require(reviewer["turns"]?[0]?["output"]?[1])
    #expect(checkerCall["name"] == "subagent.style_checker")
    #expect(checkerCall["output"] == "Style: rename `x` to `count`.")
    #expect(checkerCall["subagent_trajectory"]?["agent"] == "claude_code")
    #expect(checkerCall["subagent_trajectory"]?["turns"]?[0]?["output"]?[1]?["text"] == "Style: rename `x` to `count`.")
    let raw = try String(contentsOfFile: directory + "/turns/000_raw_output.jsonl", encoding: .utf8)
    #expect(raw.contains("<!-- caw_traj:"), "the raw output keeps the marker, as caw's does")
    let cost = trajectory["total_usage"]?["cost_usd"]?.numberValue?.doubleValue ?? 0
    #expect(abs(cost - (0.0188 + 0.0019 + (200 * 1.75 + 1000 * 0.175 + 80 * 14.0) / 1e6)) < 1e-9)

    // The CLIs were given the servers as caw gives them.
    let invocations = try setup.fakes.invocations()
    let codex = try #require(invocations.first { $0["provider"] as? String == "codex" })
    #expect((codex["argv"] as? [String])?.contains { $0.hasPrefix("mcp_servers.subagent.url=\"http://127.0.0.1:") } == true)
    #expect((codex["argv"] as? [String])?.contains("mcp_servers.subagent.tool_timeout_sec=86400") == true)
    #expect(invocations.allSatisfy { ($0["cwd"] as? String) == setup.work })
    let checker = try #require(invocations.last { $0["provider"] as? String == "claude" && ($0["prompt"] as? String)?.contains("style") == true })
    #expect((checker["argv"] as? [String])?.contains("--disallowedTools") == true, "the spec's tools reach the CLI")

    // Python caw reads it as we wrote it, and caw traj shows the nesting.
    let seen = try Interop.json("inspect_session.py", [data, id])
    #expect(seen["trajectory_error"] == .null)
    #expect(seen["from_dict"] == trajectory, "Python caw's Trajectory.from_dict(...).to_dict() differs from the file")
    let python = try Interop.python.get()
    let caw = URL(fileURLWithPath: python).deletingLastPathComponent().path + "/caw"
    let traj = try ProcessRun.run(caw, ["traj", directory + "/trajectory.json", "--recursive"])
    #expect(traj.status == 0, "caw traj failed: \(traj.stderr)")
    #expect(traj.stdout.contains("[1/1/1] asst: \"Looking at names. Style: rename `x` to `count`.\""), "caw traj --recursive:\n\(traj.stdout)")
  }

  @Test("the same subagents recorded by Python caw and by caw-tui agree event by event")
  func differential() throws {
    let setup = try Setup()
    let testCase = try setup.testCase("differential")
    var environment = setup.environment
    environment["CAW_PROVIDER"] = testCase["caw_provider"]?.stringValue
    environment["CAW_LOG"] = "off"

    let python = try Interop.python.get()
    let py = try ProcessRun.run(
      python, [ProcessRun.packageRoot + "/Tests/Interop/subagents.py", "caw", setup.tree.path + "/py", "differential"],
      environment: environment, cwd: setup.work)
    #expect(py.status == 0, "Python caw failed: \(py.stderr)")
    let pyID = try #require(try JSONParser.parse(Array(py.stdout.utf8))["session_id"]?.stringValue)

    let run = try ProcessRun.run(
      ProcessRun.cawTUI,
      ["run", "--data-dir", setup.tree.path + "/swift", "--provider", "claude_code", "--agents", try setup.agentsFile(testCase),
       testCase["prompt"]?.stringValue ?? ""],
      environment: environment, cwd: setup.work)
    #expect(run.status == 0, "caw-tui run failed: \(run.stderr)")
    let swiftID = try #require(try FileManager.default.contentsOfDirectory(atPath: setup.tree.path + "/swift/sessions").first)

    let pyEvents = try Self.lines("\(setup.tree.path)/py/sessions/\(pyID)/traj.jsonl").map(Self.normalized)
    let swiftEvents = try Self.lines("\(setup.tree.path)/swift/sessions/\(swiftID)/traj.jsonl").map(Self.normalized)
    #expect(swiftEvents.count == pyEvents.count)
    for (index, (swift, py)) in zip(swiftEvents, pyEvents).enumerated() {
      #expect(swift == py, "traj.jsonl line \(index + 1) differs")
      #expect(swift.objectValue?.keys.elementsEqual(py.objectValue?.keys ?? []) == true, "line \(index + 1): key order")
    }
    let pyTrajectory = try Self.normalized(Self.file("\(setup.tree.path)/py/sessions/\(pyID)/trajectory.json"))
    let swiftTrajectory = try Self.normalized(Self.file("\(setup.tree.path)/swift/sessions/\(swiftID)/trajectory.json"))
    #expect(swiftTrajectory == pyTrajectory, "trajectory.json differs")
  }

  // MARK: - Helpers

  static func lines(_ path: String) throws -> [JSONValue] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
  }

  static func file(_ path: String) throws -> JSONValue {
    try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  /// Sets aside what must differ between two runs: ids, times, server URLs, `metadata.cwd` and
  /// `metadata.codex_usage_totals` (ours), and codex durations (ours are wall clock, caw's always 0).
  static func normalized(_ value: JSONValue) -> JSONValue {
    switch value {
    case .array(let items):
      return .array(items.map(normalized))
    case .object(var object):
      for key in ["session_id", "created_at"] where object[key] != nil { object[key] = .string("<\(key)>") }
      if object["completed_at"]?.stringValue?.isEmpty == false { object["completed_at"] = "<completed_at>" }
      if object["url"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true { object["url"] = "<url>" }
      if case .object(var metadata)? = object["metadata"] {
        metadata["cwd"] = nil
        metadata[RunningTotals.codexMetadataKey] = nil
        object["metadata"] = .object(metadata)
      }
      if object["agent"] == "codex" {
        object["duration_ms"] = 0
        object["turns"] = object["turns"]?.arrayValue.map { .array($0.map { $0.with("duration_ms") { _ in 0 } }) }
      }
      if object["type"] == "turn_end", object["subagent"] != nil { object["duration_ms"] = 0 }
      return .object(object.mapValues(normalized))
    default:
      return value
    }
  }
}

/// Reads a pipe to its end on a thread of its own, so a chatty child never blocks.
final class ReadAll: @unchecked Sendable {
  private let thread: Thread
  private let box = DataBox()

  init(_ handle: FileHandle) {
    let box = self.box
    thread = Thread { box.data = handle.readDataToEndOfFile() }
    thread.start()
  }

  /// Everything read, once the writer closed the pipe.
  var text: String {
    while !thread.isFinished { usleep(1000) }
    return String(decoding: box.data, as: UTF8.self)
  }

  private final class DataBox: @unchecked Sendable { var data = Data() }
}
