import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Issue 12, item 7: the agent dies with the caw-tui recording it, and a turn cut short that way is
/// kept and marked interrupted on resume.
@Suite("The agent dies with its recorder", .serialized)
struct AgentDeathTests {
  static let id = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"

  /// A slow claude turn: a tool call and its result, then a long silent wait (the agent busy in a tool).
  static let slowLines = [
    #"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5"}"#,
    #"{"type":"assistant","message":{"id":"msg_1","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"make"}}]}}"#,
    #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"built"}]}}"#,
  ]

  /// The slow turn, then a gate that is never opened: the agent waits without writing.
  static func stalledLines(_ tree: TempTree) -> [String] { slowLines + ["{GATE:\(tree.path)/never-opened}"] }

  /// Starts `caw-tui run` on a slow turn, waits for its mid-turn snapshot, and kills it with SIGKILL.
  /// Returns the scenario and the fake CLI's pid.
  private func killMidTurn(_ tree: TempTree) async throws -> (FakeScenario, agent: Int32) {
    let scenario = try FakeScenario(
      tree,
      [
        FakeScenario.entry("claude", "slow", Self.stalledLines(tree), extra: ["line_delay_ms": 200]),
        FakeScenario.entry("claude", "again", FakeScenario.claudeLines("done")),
      ])
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRun.cawTUI)
    process.arguments = ["run", "--data-dir", scenario.data, "--provider", "claude", "--session-id", Self.id, "slow work"]
    process.environment = scenario.fakes.environment(extra: ["CAW_TUI_RUNS_DIR": tree.path + "/runs"])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var snapshot: Trajectory?
    for _ in 0..<1000 {
      if let t = try? SessionFiles.trajectory(scenario.data, Self.id), t.turns.first?.toolCalls.first?.output == "built" {
        snapshot = t
        break
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    try #require(snapshot != nil, "no mid-turn snapshot appeared")
    let agent = Int32(try #require(scenario.fakes.invocations().first?["pid"] as? Int))
    #expect(ProcessState.isRunning(agent))
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return (scenario, agent)
  }

  @Test("kill -9 of caw-tui run ends the agent CLI at once, not when it next writes")
  func agentDiesWithRecorder() async throws {
    let tree = TempTree()
    let (_, agent) = try await killMidTurn(tree)
    // The fake waits at its gate without writing, so only the recorder's death can end it now.
    for _ in 0..<250 where ProcessState.isRunning(agent) { try await Task.sleep(for: .milliseconds(20)) }
    #expect(!ProcessState.isRunning(agent), "the agent CLI (pid \(agent)) outlived its recorder")
    if ProcessState.isRunning(agent) { kill(agent, SIGKILL) }
  }

  @Test("resume after a kill mid-turn keeps the partial turn, marked interrupted, with its files and events")
  func interruptedTurnMarked() async throws {
    let tree = TempTree()
    let (scenario, agent) = try await killMidTurn(tree)
    for _ in 0..<500 where ProcessState.isRunning(agent) { try await Task.sleep(for: .milliseconds(20)) }
    if ProcessState.isRunning(agent) { kill(agent, SIGKILL) }
    let resume = try scenario.run(["resume", "--data-dir", scenario.data, Self.id, "again"])
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(resume.stderr.contains("interrupted"), "\(resume.stderr)")
    let t = try SessionFiles.trajectory(scenario.data, Self.id)
    #expect(t.turns.map(\.input) == ["slow work", "again"])
    #expect(t.turns.first?.toolCalls.first?.output == "built")
    #expect(t.metadata["interrupted_turns"] == .array([.number(.int(0))]))
    let turns = try FileManager.default.contentsOfDirectory(atPath: "\(scenario.data)/sessions/\(Self.id)/turns").sorted()
    #expect(turns == ["000_input.txt", "000_raw_output.jsonl", "001_input.txt", "001_raw_output.jsonl"])
    let log = tree.read("data/sessions/\(Self.id)/traj.jsonl").split(separator: "\n")
    #expect(log.filter { $0.contains("\"turn_end\"") && $0.contains("\"turn_index\": 0") }.count == 1)
    #expect(log.filter { $0.contains("\"turn_end\"") && $0.contains("\"turn_index\": 1") }.count == 1)
    let show = try scenario.run(["show", "--data-dir", scenario.data, Self.id])
    #expect(show.stdout.contains("Interrupted: turn 000"), "\(show.stdout)")
  }
}
