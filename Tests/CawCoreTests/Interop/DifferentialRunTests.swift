import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// Python caw 0.1.9 and caw-tui run the same fake CLIs on the same streams (Tests/Interop/differential.py);
/// the trajectories must agree on every field except ids, timestamps and the places where caw-tui
/// deliberately records more, and both must have run the same command lines.
///
/// Deliberate differences, each asserted here before it is set aside:
/// 1. codex `command_execution` output comes from `aggregated_output` (caw reads `output` and records "").
/// 2. codex `file_change` items seen only at `item.completed` become tool calls (caw drops them).
/// 3. codex turns get their wall-clock duration (caw always records 0); opencode durations are wall clock
///    in both, so they differ by timing.
/// 4. `metadata.cwd` records the working directory (Python caw ignores unknown metadata keys).
/// 5. A claude turn with no `result` line gets the assistant messages' usage, priced from the table,
///    and its wall-clock duration (caw records zeros).
/// 6. codex reports the thread's running totals after a resume: caw-tui records each turn's own usage
///    (the difference) and keeps the totals in `metadata.codex_usage_totals`; caw records the totals.
@Suite("Differential: Python caw and caw-tui on the same fake CLIs", .serialized)
struct DifferentialRunTests {
  @Test("every case agrees with Python caw, field by field and command line by command line")
  func casesAgree() throws {
    let tree = TempTree("caw-diff")
    let scenario = tree.path + "/scenario.json"
    let cases = try Interop.json("differential.py", ["cases", scenario])["cases"]?.arrayValue ?? []
    #expect(cases.count == 5)
    let python = try Interop.python.get()
    let pythonLog = tree.path + "/python.log"
    let pySessions = try Interop.json("differential.py", ["caw", tree.path + "/py", pythonLog])["sessions"]?
      .objectValue ?? [:]

    let fakes = FakeCLIs(scenario: scenario, log: tree.path + "/swift.log", home: tree.path)
    let workDirectory = tree.path + "/work"
    try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
    var swiftSessions: [String: String] = [:]
    for testCase in cases {
      let name = testCase["name"]?.stringValue ?? ""
      swiftSessions[name] = try runWithCawTUI(
        testCase, dataDir: tree.path + "/swift", cwd: workDirectory,
        environment: fakes.environment(pythonDirectory: URL(fileURLWithPath: python).deletingLastPathComponent().path))
    }

    for testCase in cases {
      let name = testCase["name"]?.stringValue ?? ""
      let provider = testCase["provider"]?.stringValue ?? ""
      let pyID = try #require(pySessions[name]?.stringValue, "Python caw recorded no session for \(name)")
      let swiftID = try #require(swiftSessions[name], "caw-tui recorded no session for \(name)")
      let py = try trajectory(tree.path + "/py", pyID)
      var swift = try trajectory(tree.path + "/swift", swiftID)
      #expect(swift["metadata"]?["cwd"]?.stringValue == workDirectory, "\(name): metadata.cwd")
      swift = setAsideDeliberateDifferences(name: name, provider: provider, swift, python: py)
      #expect(normalized(swift, id: swiftID) == normalized(py, id: pyID), "\(name): trajectories differ")
      try compareTurnFiles(name, tree.path + "/py/sessions/" + pyID, tree.path + "/swift/sessions/" + swiftID, pyID, swiftID)
    }
    try compareInvocations(
      python: try parseLog(pythonLog), swift: try parseLog(fakes.log),
      pythonIDs: pySessions.values.compactMap(\.stringValue), swiftIDs: Array(swiftSessions.values))
  }

  /// Runs one case with `caw-tui run` (and `resume`), returning the session id.
  private func runWithCawTUI(_ testCase: JSONValue, dataDir: String, cwd: String, environment: [String: String])
    throws -> String
  {
    var arguments = ["run", "--data-dir", dataDir, "--provider", testCase["provider"]?.stringValue ?? ""]
    for (option, key) in [("--model", "model"), ("--reasoning", "reasoning"), ("--system-prompt", "system_prompt")] {
      if let value = testCase[key]?.stringValue, !value.isEmpty { arguments += [option, value] }
    }
    if let tools = testCase["tools"]?.arrayValue {
      arguments += ["--tools", tools.compactMap(\.stringValue).joined(separator: ",")]
    }
    for server in testCase["mcp"]?.arrayValue ?? [] {
      let name = server["name"]?.stringValue ?? ""
      if let url = server["url"]?.stringValue {
        arguments += ["--mcp", "\(name)=\(url)"]
      } else {
        let words = [server["command"]?.stringValue ?? ""] + (server["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        arguments += ["--mcp-command", "\(name)=" + words.joined(separator: " ")]
      }
    }
    arguments += ["--cwd", cwd]
    arguments += (testCase["messages"]?.arrayValue ?? []).compactMap(\.stringValue)
    let run = try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, cwd: cwd)
    #expect(run.status == 0, "caw-tui run failed: \(run.stderr)")
    let sessionLine = try #require(line(run.stderr, after: "session "), "no session line: \(run.stderr)")
    let id = String(sessionLine.prefix { $0 != " " })
    guard let resume = testCase["resume"], resume != .null else { return id }
    let handle = try #require(line(run.stderr, after: "resume handle: "), "no resume handle: \(run.stderr)")
    let target = resume["by"]?.stringValue == "handle" ? handle : id
    let resumed = try ProcessRun.run(
      ProcessRun.cawTUI,
      ["resume", "--data-dir", dataDir, target] + (resume["messages"]?.arrayValue ?? []).compactMap(\.stringValue),
      environment: environment, cwd: "/")
    #expect(resumed.status == 0, "caw-tui resume failed: \(resumed.stderr)")
    return id
  }

  /// The rest of the first line of `text` that starts with `prefix`.
  private func line(_ text: String, after prefix: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
  }

  private func trajectory(_ dataDir: String, _ id: String) throws -> JSONValue {
    let path = "\(dataDir)/sessions/\(id)/trajectory.json"
    return try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  /// Checks each deliberate difference and returns the trajectory with caw's values put back.
  private func setAsideDeliberateDifferences(name: String, provider: String, _ value: JSONValue, python: JSONValue)
    -> JSONValue
  {
    var t = value.with("metadata") { $0?.with("cwd") { _ in nil } }
    switch name {
    case "codex":
      // 1. aggregated_output, 2. file_change from item.completed.
      let blocks = t["turns"]?[0]?["output"]?.arrayValue ?? []
      let command = blocks.first { $0["name"]?.stringValue == "command_execution" }
      #expect(command?["output"]?.stringValue == "collected 3 items\n1 failed\n")
      #expect(command?["is_error"] == .bool(true))
      let change = blocks.first { $0["name"]?.stringValue == "file_change" }
      #expect(change?["arguments"]?["changes"]?[0]?["path"]?.stringValue == "/w/calc.py")
      #expect(change?["output"]?.stringValue == "update /w/calc.py")
      let cawBlocks = blocks.filter { $0["name"]?.stringValue != "file_change" }.map { block in
        block["name"]?.stringValue == "command_execution" ? block.with("output") { _ in .string("") } : block
      }
      t = t.with("turns") { $0?.with(0) { $0.with("output") { _ in .array(cawBlocks) } } }
      // 6. The fakes repeat the same totals, so the resumed turn (the third) used nothing of its own.
      #expect(t["metadata"]?["codex_usage_totals"]?["output_tokens"] == .number(.int(12)))
      #expect(t["turns"]?[2]?["usage"]?["output_tokens"] == .number(.int(0)))
      t = t.with("metadata") { $0?.with("codex_usage_totals") { _ in nil } }
      let turns = (t["turns"]?.arrayValue ?? []).enumerated().map { index, turn in
        turn.with("usage") { _ in python["turns"]?[index]?["usage"] }
      }
      t = t.with("turns") { _ in .array(turns) }.with("usage") { _ in python["usage"] }
        .with("total_usage") { _ in python["total_usage"] }
    case "claude_no_result":
      // 5. usage from the assistant message (fake usage: 4 in, 1 out), priced as claude-haiku-4-5.
      let usage = t["turns"]?[0]?["usage"]
      #expect(usage?["input_tokens"] == .number(.int(4)) && usage?["output_tokens"] == .number(.int(1)))
      #expect(usage?["cost_usd"]?.numberValue?.doubleValue == (4 * 1.0 + 1 * 5.0) / 1_000_000)
      t = t.with("turns") { $0?.with(0) { $0.with("usage") { _ in python["turns"]?[0]?["usage"] } } }
      t = t.with("usage") { _ in python["usage"] }.with("total_usage") { _ in python["total_usage"] }
      t = t.with("turns") { $0?.with(0) { $0.with("duration_ms") { _ in .number(.int(0)) } } }
      t = t.with("duration_ms") { _ in .number(.int(0)) }
    default:
      break
    }
    if provider == "codex" || provider == "opencode" {
      // 3. durations are wall clock here; caw records 0 for codex.
      let turns = (t["turns"]?.arrayValue ?? []).enumerated().map { index, turn in
        turn.with("duration_ms") { _ in python["turns"]?[index]?["duration_ms"] ?? .number(.int(0)) }
      }
      t = t.with("turns") { _ in .array(turns) }.with("duration_ms") { _ in python["duration_ms"] }
    }
    return t
  }

  /// The trajectory without the values that must differ: its own session id and the timestamps.
  private func normalized(_ value: JSONValue, id: String) -> JSONValue {
    var t = value
    #expect(t["session_id"]?.stringValue == id)
    for key in ["session_id", "created_at", "completed_at"] {
      let text = t[key]?.stringValue ?? ""
      #expect(!text.isEmpty, "\(key) is empty")
      t = t.with(key) { _ in .string("<\(key)>") }
    }
    return t
  }

  /// Input files are identical; raw output files are identical once session ids and the fakes' random
  /// line uuids are set aside.
  private func compareTurnFiles(_ name: String, _ pyDir: String, _ swiftDir: String, _ pyID: String, _ swiftID: String)
    throws
  {
    let pyFiles = try FileManager.default.contentsOfDirectory(atPath: pyDir + "/turns").sorted()
    let swiftFiles = try FileManager.default.contentsOfDirectory(atPath: swiftDir + "/turns").sorted()
    #expect(swiftFiles == pyFiles, "\(name): turn files")
    for file in pyFiles where swiftFiles.contains(file) {
      let py = try String(contentsOfFile: pyDir + "/turns/" + file, encoding: .utf8)
      let swift = try String(contentsOfFile: swiftDir + "/turns/" + file, encoding: .utf8)
      #expect(withoutIDs(swift, swiftID) == withoutIDs(py, pyID), "\(name): \(file)")
    }
    let pyEvents = try eventTypes(pyDir + "/traj.jsonl")
    let swiftEvents = try eventTypes(swiftDir + "/traj.jsonl")
    let expected = name == "codex" ? pyEvents.count + 2 : pyEvents.count  // the file_change call and result
    #expect(swiftEvents.count == expected, "\(name): traj.jsonl events \(swiftEvents) vs \(pyEvents)")
  }

  private func withoutIDs(_ text: String, _ sessionID: String) -> String {
    text.replacingOccurrences(of: sessionID, with: "<id>").replacingOccurrences(
      of: #""uuid":"[0-9a-f-]{36}""#, with: #""uuid":"<uuid>""#, options: .regularExpression)
  }

  private func eventTypes(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
      try JSONParser.parse(Array(line.utf8))["type"]?.stringValue ?? "?"
    }
  }

  private func parseLog(_ path: String) throws -> [JSONValue] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
  }

  /// Both programs ran the same command lines: argv (minus the program path, with session ids and
  /// temporary config paths set aside), stdin, the prompt, and the config files' contents.
  private func compareInvocations(python: [JSONValue], swift: [JSONValue], pythonIDs: [String], swiftIDs: [String])
    throws
  {
    #expect(swift.count == python.count, "number of CLI runs")
    for (index, (py, sw)) in zip(python, swift).enumerated() {
      #expect(argv(sw, sessionIDs: swiftIDs) == argv(py, sessionIDs: pythonIDs), "run \(index): argv")
      #expect(sw["stdin"] == py["stdin"], "run \(index): stdin")
      #expect(sw["prompt"] == py["prompt"], "run \(index): prompt")
      let pyConfigs = Array((py["config_files"]?.objectValue ?? [:]).values)
      let swConfigs = Array((sw["config_files"]?.objectValue ?? [:]).values)
      #expect(swConfigs == pyConfigs, "run \(index): config file contents")
      #expect(
        (sw["env"]?["OPENCODE_CONFIG"] == nil) == (py["env"]?["OPENCODE_CONFIG"] == nil), "run \(index): OPENCODE_CONFIG")
    }
  }

  /// The words of a run's argv, with caw-tui's deliberate spellings (issue 12: ids joined to their
  /// options, `--` before codex's and opencode's operands) written as caw writes them.
  private func argv(_ entry: JSONValue, sessionIDs: [String]) -> [String] {
    var words = (entry["argv"]?.arrayValue ?? []).dropFirst().compactMap(\.stringValue).flatMap { word -> [String] in
      for option in ["--resume=", "--session-id=", "--session="] where word.hasPrefix(option) {
        return [String(option.dropLast()), String(word.dropFirst(option.count))]
      }
      return word == "--" ? [] : [word]
    }
    // caw puts codex's thread id right after `exec resume`; caw-tui puts it after `--`, before the prompt.
    if words.starts(with: ["exec", "resume"]), words.count >= 4, words[2].hasPrefix("-") {
      let thread = words.remove(at: words.count - 2)
      words.insert(thread, at: 2)
    }
    return words.map { word in
      if word.contains("/caw_mcp_") || word.contains("/caw_opencode_") { return "<config>" }
      return sessionIDs.contains(word) ? "<session>" : word
    }
  }
}
