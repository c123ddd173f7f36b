import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui run`, `resume`, `import` and `doctor` as a user runs them, against the fake CLIs of
/// Tests/Interop/fakebin (which need only `python3`).
@Suite("caw-tui run and resume against fake CLIs", .serialized)
struct AgentRunTests {
  /// A scenario entry in the fakes' format.
  private func entry(_ provider: String, _ match: String, _ lines: [String], extra: [String: Any] = [:]) -> [String: Any] {
    ["provider": provider, "match": match, "lines": lines].merging(extra) { _, new in new }
  }

  /// Sets up a tree with a scenario file and returns the fakes and data directory.
  private func setUp(_ tree: TempTree, _ entries: [[String: Any]]) throws -> (FakeCLIs, String) {
    let data = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted])
    tree.write("scenario.json", String(decoding: data, as: UTF8.self))
    return (FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path), tree.path + "/data")
  }

  private func claudeLines(_ text: String, extra: [String] = []) -> [String] {
    [
      #"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5","tools":[]}"#
    ] + extra + [
      #"{"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"\#(text)"}]},"session_id":"{SESSION_ID}"}"#,
      #"{"type":"result","subtype":"success","is_error":false,"duration_ms":1200,"result":"\#(text)","session_id":"{SESSION_ID}","total_cost_usd":0.0042,"usage":{"input_tokens":11,"output_tokens":7,"cache_read_input_tokens":300,"cache_creation_input_tokens":20}}"#,
    ]
  }

  @Test("a CLI that is not installed gets caw's install hint and nothing is written")
  func missingCLI() throws {
    let tree = TempTree()
    let (fakes, data) = try setUp(tree, [])
    var environment = fakes.environment()
    environment["PATH"] = "/nonexistent"
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "codex", "hi"], environment: environment)
    #expect(run.status != 0)
    #expect(run.stderr.contains("codex CLI not found. Install it with: npm install -g @openai/codex"))
    #expect(!FileManager.default.fileExists(atPath: data))
  }

  @Test("a turn of a model the price table lacks is recorded with its cost unknown, not $0")
  func unpricedTurnSaysCostUnknown() throws {
    let tree = TempTree()
    let lines = [
      #"{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}"#,
      #"{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Done."}}"#,
      #"{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}"#,
    ]
    let (fakes, data) = try setUp(tree, [entry("codex", "hi", lines)])
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "codex", "--model", "no-such-model", "hi"],
      environment: fakes.environment())
    #expect(run.status == 0, "\(run.stderr)")
    let recorded = try #require(run.stderr.split(separator: "\n").first { $0.contains("turn 000 recorded") }, "\(run.stderr)")
    #expect(recorded.contains("cost unknown"), "\(recorded)")
    #expect(!recorded.contains("$"), "\(recorded)")
    let t = try SessionFiles.trajectory(data, try SessionFiles.onlySession(data))
    #expect(UnpricedTurns.indices(t) == [0])
  }

  @Test("a turn whose CLI fails with no output is not recorded; the turn before it stays")
  func failedTurnKeepsEarlierTurns() throws {
    let tree = TempTree()
    let (fakes, data) = try setUp(
      tree,
      [
        entry("claude", "first", claudeLines("one")),
        entry("claude", "second", [], extra: ["exit_code": 3, "stderr": "boom: rate limited by proxy"]),
      ])
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "claude", "first", "second"], environment: fakes.environment())
    #expect(run.status == 1)
    #expect(run.stderr.contains("claude CLI exited with code 3: boom: rate limited by proxy"))
    let id = try SessionFiles.onlySession(data)
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.turns.map(\.input) == ["first"])
    #expect(t.turns.first?.usage.cacheReadTokens == 300)
    #expect(!t.completedAt.isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(data)/sessions/\(id)/turns").sorted()
    #expect(files == ["000_input.txt", "000_raw_output.jsonl"])
  }

  @Test("Ctrl-C ends the CLI's process group; the partial turn is recorded and marked cancelled")
  func interruptRecordsPartialTurn() async throws {
    let tree = TempTree()
    let lines = [
      #"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5"}"#,
      #"{"type":"assistant","message":{"id":"msg_1","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"make"}}]}}"#,
      #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"built"}]}}"#,
      #"{"type":"assistant","message":{"id":"msg_2","content":[{"type":"text","text":"never seen"}]}}"#,
    ]
    let (fakes, data) = try setUp(tree, [entry("claude", "slow", lines, extra: ["line_delay_ms": 3000])])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRun.cawTUI)
    process.arguments = ["run", "--data-dir", data, "--provider", "claude", "slow work"]
    process.environment = fakes.environment()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait for the mid-turn snapshots: first the tool call, then its result.
    var snapshot: Trajectory?
    for _ in 0..<800 {
      if let id = try? SessionFiles.onlySession(data), let t = try? SessionFiles.trajectory(data, id),
        t.turns.first?.toolCalls.first?.output == "built"
      {
        snapshot = t
        break
      }
      try await Task.sleep(for: .milliseconds(25))
    }
    let partial = try #require(snapshot, "no snapshot of the running turn appeared")
    #expect(partial.completedAt == "")
    #expect(partial.turns.first?.input == "slow work")
    #expect(partial.turns.first?.usage == UsageStats())
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    let id = try SessionFiles.onlySession(data)
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.turns.count == 1)
    #expect(t.turns.first?.toolCalls.first?.output == "built")
    #expect(t.turns.first?.result == "")
    #expect(t.metadata["cancelled_turns"] == .array([.number(.int(0))]))
    #expect(!t.completedAt.isEmpty)
    let pid = try #require(fakes.invocations().first?["pid"] as? Int)
    for _ in 0..<100 where ProcessState.isRunning(Int32(pid)) { try await Task.sleep(for: .milliseconds(50)) }
    #expect(!ProcessState.isRunning(Int32(pid)), "the fake CLI outlived the cancel")
  }

  @Test("a usage limit is reported and recorded; non-JSON lines and unknown events are counted, not fatal")
  func usageLimitAndOddLines() throws {
    let tree = TempTree()
    let limit = "You've hit your limit · resets 3pm (UTC)"
    let (fakes, data) = try setUp(
      tree,
      [entry("claude", "go", claudeLines(limit, extra: ["not json at all", #"{"type":"mystery_event","x":1}"#, "[1,2]"]))])
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "claude", "go"], environment: fakes.environment())
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("usage limit reached; caw would wait"))
    let id = try SessionFiles.onlySession(data)
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.usageLimited)
    #expect(t.metadata["skipped_stream_lines"] == .number(.int(2)))
    #expect(t.metadata["unknown_stream_events"] == .object(["mystery_event": .number(.int(1))]))
    let raw = tree.read("data/sessions/\(id)/turns/000_raw_output.jsonl")
    #expect(raw.contains("not json at all\n"))
    #expect(!raw.hasSuffix("\n"))
    let show = try ProcessRun.run(ProcessRun.cawTUI, ["show", "--data-dir", data, id], environment: fakes.environment())
    #expect(show.stdout.contains("Stream: 1 unknown event kept in the raw output (mystery_event ×1); 2 non-JSON lines skipped"))
  }

  @Test("import reads a recorded raw output file back, taking the input from its NNN_input.txt")
  func importRoundTrip() throws {
    let tree = TempTree()
    let (fakes, data) = try setUp(tree, [entry("claude", "hello", claudeLines("hi there"))])
    _ = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "claude", "hello"], environment: fakes.environment())
    let id = try SessionFiles.onlySession(data)
    let raw = "\(data)/sessions/\(id)/turns/000_raw_output.jsonl"
    let imported = try ProcessRun.run(ProcessRun.cawTUI, ["import", raw])
    #expect(imported.status == 0, "\(imported.stderr)")
    let t = try #require(try Trajectory.read(Array(imported.stdout.utf8)).trajectory)
    let recorded = try SessionFiles.trajectory(data, id)
    #expect(t.sessionID == id)
    #expect(t.turns.map(\.input) == ["hello"])
    #expect(t.turns.first?.output == recorded.turns.first?.output)
    #expect(t.turns.first?.usage == recorded.turns.first?.usage)
  }

  @Test("doctor names each CLI's path or install hint")
  func doctor() throws {
    let tree = TempTree()
    let (fakes, _) = try setUp(tree, [])
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["doctor"], environment: fakes.environment())
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(FakeCLIs.fakebin + "/claude"))
    #expect(run.stdout.contains(FakeCLIs.fakebin + "/codex"))
    #expect(run.stdout.contains("claude_code  strongest  opus"))
    var bare = fakes.environment()
    bare["PATH"] = "/nonexistent"
    bare["HOME"] = tree.path
    let missing = try ProcessRun.run(ProcessRun.cawTUI, ["doctor"], environment: bare)
    #expect(missing.stdout.contains("claude CLI not found. Install it with: npm install -g @anthropic-ai/claude-code"))
  }
}

/// Edge cases of a run that need their own fake CLIs.
@Suite("caw-tui run: working directory, subagent markers, floods", .serialized)
struct AgentRunEdgeTests {
  @Test("resume runs the CLI in the directory recorded when the session started")
  func resumeUsesRecordedDirectory() throws {
    let tree = TempTree()
    let project = tree.path + "/project"
    try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
    let reply = { (text: String) in
      [
        #"{"type":"assistant","message":{"id":"m","content":[{"type":"text","text":"\#(text)"}]}}"#,
        #"{"type":"result","duration_ms":5,"total_cost_usd":0.001,"usage":{"input_tokens":1,"output_tokens":1}}"#,
      ]
    }
    let scenario: [[String: Any]] = [
      ["provider": "claude", "match": "first", "lines": reply("one")],
      ["provider": "claude", "match": "second", "lines": reply("two")],
    ]
    tree.write("scenario.json", String(decoding: try JSONSerialization.data(withJSONObject: scenario), as: UTF8.self))
    let fakes = FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path)
    let data = tree.path + "/data"
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "claude", "--cwd", project, "first"],
      environment: fakes.environment(), cwd: "/")
    #expect(run.status == 0, "\(run.stderr)")
    let id = try SessionFiles.onlySession(data)
    let resumed = try ProcessRun.run(
      ProcessRun.cawTUI, ["resume", "--data-dir", data, id, "second"], environment: fakes.environment(), cwd: "/")
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let directories = try fakes.invocations().compactMap { $0["cwd"] as? String }
    let real = URL(fileURLWithPath: project).resolvingSymlinksInPath().path
    #expect(directories == [real, real])
  }

  @Test("a subagent marker is removed from the recorded tool output and kept in the raw output")
  func subagentMarker() throws {
    let tree = TempTree()
    let marker = #"\n<!-- caw_traj:5b0e7c1a-9f3d-4c2e-8a71-0d6b4e2f9c13 -->"#
    let lines = [
      #"{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","id":"toolu_s","name":"mcp__subagent__code_reviewer","input":{"prompt":"review"}}]}}"#,
      #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_s","content":[{"type":"text","text":"Looks good.\#(marker)"}]}]}}"#,
      #"{"type":"result","duration_ms":5,"total_cost_usd":0.001,"usage":{"input_tokens":1,"output_tokens":1}}"#,
    ]
    let scenario: [[String: Any]] = [["provider": "claude", "match": "review", "lines": lines]]
    tree.write("scenario.json", String(decoding: try JSONSerialization.data(withJSONObject: scenario), as: UTF8.self))
    let fakes = FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path)
    let data = tree.path + "/data"
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "claude", "review"], environment: fakes.environment())
    #expect(run.status == 0, "\(run.stderr)")
    let id = try SessionFiles.onlySession(data)
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.turns.first?.toolCalls.first?.output == "Looks good.")
    #expect(tree.read("data/sessions/\(id)/turns/000_raw_output.jsonl").contains("caw_traj:5b0e7c1a"))
  }

  @Test("a CLI that floods stdout with 120 MB of junk is recorded with bounded memory")
  func floodKeepsMemoryBounded() throws {
    let tree = TempTree()
    let bin = tree.path + "/bin"
    let line = String(repeating: "flood ", count: 80)
    tree.write(
      "bin/codex",
      """
      #!/bin/sh
      yes '\(line)' | head -n 250000
      echo '{"type":"thread.started","thread_id":"th_flood"}'
      echo '{"type":"item.completed","item":{"id":"i","type":"agent_message","text":"survived"}}'
      echo '{"type":"turn.completed","usage":{"input_tokens":5,"cached_input_tokens":0,"output_tokens":1}}'
      """)
    chmod(bin + "/codex", 0o755)
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["XDG_CONFIG_HOME"] = tree.path + "/config"
    let data = tree.path + "/data"
    let (status, peak) = try ProcessRun.peakMemory(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "codex", "go"], environment: environment)
    #expect(status == 0)
    #expect(peak > 0 && peak < 100 * 1024, "caw-tui peaked at \(peak / 1024) MiB for a 120 MB stream")
    let id = try SessionFiles.onlySession(data)
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.turns.first?.result == "survived")
    #expect(t.metadata["skipped_stream_lines"] == .number(.int(250_000)))
    let raw = try FileManager.default.attributesOfItem(atPath: "\(data)/sessions/\(id)/turns/000_raw_output.jsonl")
    #expect((raw[.size] as? Int ?? 0) > 120_000_000)
  }
}
