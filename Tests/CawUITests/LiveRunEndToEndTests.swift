import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `n`, `r`, `x`, `e` and quitting with runs, in tmux, against the fake provider CLIs of
/// Tests/Interop/fakebin.
@Suite("Runs from the TUI, end to end in tmux", .serialized)
struct LiveRunEndToEndTests {
  /// A tree with a scenario for the fakes, a data directory, a work directory and a private run registry.
  final class Setup {
    let tree = TempTree("caw-live-e2e")
    var data: String { tree.path + "/caw_data" }
    var work: String { tree.path + "/work" }
    var runs: String { tree.path + "/runs" }

    /// With `gated`, the slow claude turn holds its tool result until ``release(_:)`` of `"result"`, and
    /// the rest of the turn until `"rest"`: the test decides when the stream moves on, so no step races
    /// the fake. Without, both gates are open from the start.
    init(gated: Bool = true) throws {
      try FileManager.default.createDirectory(atPath: data + "/sessions", withIntermediateDirectories: true)
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
      let slow = [
        #"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5"}"#,
        #"{"type":"assistant","message":{"id":"m1","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]}}"#,
        "{GATE:\(gate("result"))}",
        #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a.py\nb.py"}]}}"#,
        "{GATE:\(gate("rest"))}",
        #"{"type":"assistant","message":{"id":"m2","content":[{"type":"text","text":"Found a.py and b.py."}]}}"#,
        #"{"type":"assistant","message":{"id":"m3","content":[{"type":"text","text":"All done here."}]}}"#,
        #"{"type":"result","duration_ms":4000,"total_cost_usd":0.0042,"usage":{"input_tokens":12,"output_tokens":34}}"#,
      ]
      let quick = [
        #"{"type":"assistant","message":{"id":"q1","content":[{"type":"text","text":"Follow-up answered."}]}}"#,
        #"{"type":"result","duration_ms":300,"total_cost_usd":0.001,"usage":{"input_tokens":3,"output_tokens":4}}"#,
      ]
      let scenario: [[String: Any]] = [
        ["provider": "claude", "match": "slow task", "lines": slow],
        ["provider": "claude", "match": "follow-up", "lines": quick],
      ]
      tree.write("scenario.json", String(decoding: try JSONSerialization.data(withJSONObject: scenario), as: UTF8.self))
      if !gated {
        release("result")
        release("rest")
      }
    }

    /// The file the fake CLI waits for at the gate `name`.
    func gate(_ name: String) -> String { tree.path + "/gate-" + name }

    /// Lets the fake CLI's stream go on past the gate `name`.
    func release(_ name: String) { tree.write("gate-" + name, "") }

    /// The shell line that starts the TUI on the data directory with the fakes on PATH.
    var command: String {
      "cd '\(work)' && PATH='\(ProcessRun.packageRoot)/Tests/Interop/fakebin':\"$PATH\" "
        + "CAW_FAKE_SCENARIO='\(tree.path)/scenario.json' CAW_TUI_RUNS_DIR='\(runs)' "
        + "'\(ProcessRun.cawTUI)' --data-dir '\(data)'; echo \"exit=$?\"; sleep 60"
    }

    /// The sessions in the data directory.
    func sessionIDs() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: data + "/sessions")) ?? []).sorted()
    }

    /// A session's trajectory as it is on disk.
    func trajectory(_ id: String) -> Trajectory? {
      guard let data = FileManager.default.contents(atPath: "\(self.data)/sessions/\(id)/trajectory.json") else {
        return nil
      }
      return try? Trajectory.read(Array(data)).trajectory
    }

    /// The runs recording right now.
    func activeRuns() -> [RunRecord] { RunRegistry(environment: ["CAW_TUI_RUNS_DIR": runs]).activeRuns() }
  }

  /// Starts a session through the `n` form with `prompt`.
  private func startSession(_ tmux: Tmux, prompt: String) throws {
    try tmux.send("n")
    try tmux.waitFor("New session")
    try tmux.send("Tab", "Tab", "Tab", "Tab", "Tab")
    try tmux.send("-l", prompt)
    try tmux.send("Enter")
  }

  @Test("n starts a session that appears at the top and is followed live; x stops it and keeps its turn")
  func startFollowAndStop() throws {
    let setup = try Setup()
    let tmux = try Tmux(setup.command, width: 140, height: 40)
    try tmux.waitFor("No sessions in this data directory yet.")
    try startSession(tmux, prompt: "slow task please")
    // The run registry is looked at once a second: the count and the running glyph follow shortly.
    var screen = try tmux.waitFor("▶ 1 run", seconds: 20)
    #expect(screen.contains("● claude_code"))
    // The run keeps the TUI's priority: it is started from the UI thread, not a niced reading thread.
    let run = try #require(setup.activeRuns().first)
    let pane = try #require(Int32(tmux.display("#{pane_pid}")))
    let tui = ProcessState.descendants(of: pane).first { ProcessState.parent($0) == pane }
    let tuiNiceness = try #require(tui.flatMap(ProcessState.niceness))
    #expect(ProcessState.niceness(run.pid) == tuiNiceness)
    try tmux.waitFor("slow task please", seconds: 20)
    // Open the running turn's transcript: the tool call is there, its result held back by the gate.
    try tmux.send("Tab")
    try tmux.waitFor("●0 slow task", seconds: 20)
    try tmux.send("Enter")
    screen = try tmux.waitFor("▸ Bash", seconds: 20)
    #expect(!screen.contains("│ b.py"))
    setup.release("result")
    screen = try tmux.waitFor("│ b.py", seconds: 20)
    #expect(screen.contains("● running"))
    #expect(screen.contains("following"))
    // The fake now waits at the second gate, so the stop lands mid-turn however slow the machine is.
    try tmux.send("Escape", "Escape", "x")
    screen = try tmux.waitFor("Stop run")
    try tmux.send("y")
    try tmux.waitForAbsence(of: "▶ 1 run", seconds: 20)
    try waitUntil("the run to leave the registry", observe: { "\(setup.activeRuns())" }) { setup.activeRuns().isEmpty }
    let id = try #require(setup.sessionIDs().first)
    let t = try #require(setup.trajectory(id))
    #expect(t.turns.count == 1)
    #expect(t.turns.first?.toolCalls.first?.output == "a.py\nb.py")
    #expect(t.turns.first?.result == "", "the turn went on past the gate it was stopped at")
    #expect(t.metadata["cancelled_turns"] == .array([.number(.int(0))]))
    #expect(!t.completedAt.isEmpty)
    try tmux.waitFor("⊗ claude_code", seconds: 20)
    try tmux.send("q")
    screen = try tmux.waitFor("exit=0")
    #expect(screen.contains("Sessions started or resumed here"))
    #expect(screen.contains(id))
  }

  @Test("r resumes a session with a message; e exports it and asks before replacing the file")
  func resumeAndExport() throws {
    let setup = try Setup(gated: false)
    let tmux = try Tmux(setup.command, width: 140, height: 40)
    try tmux.waitFor("No sessions in this data directory yet.")
    try startSession(tmux, prompt: "slow task, quickly")
    try waitUntil("the first session to be finished") {
      setup.sessionIDs().first.flatMap(setup.trajectory).map { !$0.completedAt.isEmpty } ?? false
    }
    let id = try #require(setup.sessionIDs().first)
    try tmux.waitFor("✓ claude_code", seconds: 20)
    try tmux.send("r")
    var screen = try tmux.waitFor("Resume \(id.prefix(8))")
    let recorded = URL(fileURLWithPath: setup.work).resolvingSymlinksInPath().path
    #expect(screen.contains("It runs in \(recorded) (recorded)") || screen.contains("It runs in \(setup.work) (recorded)"))
    try tmux.send("-l", "follow-up question")
    try tmux.send("Enter")
    try waitUntil("the resumed turn to be recorded") { (setup.trajectory(id)?.turns.count ?? 0) == 2 }
    #expect(setup.trajectory(id)?.turns.map(\.input) == ["slow task, quickly", "follow-up question"])
    // The run ends a moment after its last write; quitting before then would rightly ask about it.
    try waitUntil("the resume run to leave the registry", observe: { "\(setup.activeRuns())" }) { setup.activeRuns().isEmpty }
    // The TUI learns of it on its next look at the registry (once a second); quitting before then would ask.
    try tmux.waitForAbsence(of: "▶ 1 run", seconds: 20)

    try tmux.send("e")
    try tmux.waitFor("caw trajectory JSON")
    try tmux.send("m")
    try tmux.waitFor("as markdown")
    try tmux.send("Enter")
    screen = try tmux.waitFor("Wrote ")
    let file = setup.work + "/\(id).md"
    let markdown = try String(contentsOfFile: file, encoding: .utf8)
    #expect(markdown.contains("> follow-up question"))
    #expect(markdown.contains("Follow-up answered."))
    try tmux.send("e", "m", "Enter")
    try tmux.waitFor("File exists")
    try tmux.send("n")
    screen = try tmux.waitFor("Not exported")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == markdown)
    try tmux.send("q")
    try tmux.waitFor("exit=0")
  }

  @Test("quitting while a run records asks; leaving it running keeps it recording after the TUI exits")
  func quitLeavesRunsRunning() throws {
    let setup = try Setup()
    let tmux = try Tmux(setup.command, width: 140, height: 40)
    try tmux.waitFor("No sessions in this data directory yet.")
    try startSession(tmux, prompt: "slow task in the background")
    try tmux.waitFor("▶ 1 run", seconds: 20)
    try tmux.send("q")
    let screen = try tmux.waitFor("1 run is recording")
    #expect(screen.contains("leave them running"))
    try tmux.send("l")
    try tmux.waitFor("exit=0")
    // The fake waits at its first gate, so the run cannot have ended on its own yet.
    let run = try #require(setup.activeRuns().first, "the run stopped with the TUI")
    #expect(run.isAlive)
    setup.release("result")
    setup.release("rest")
    // It records to the end on its own.
    try waitUntil("the run to finish on its own", seconds: 30) { !run.isAlive }
    let id = try #require(setup.sessionIDs().first)
    #expect(setup.trajectory(id)?.turns.first?.result == "All done here.")
    #expect(setup.trajectory(id)?.completedAt.isEmpty == false)
  }
}
