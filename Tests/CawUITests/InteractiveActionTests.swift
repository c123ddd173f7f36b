import CawCore
import CawUI
import Foundation
import OrderedCollections
import Testing

/// `i`, the form's interactive start and subagents file, and a running subagent under its tool call.
@Suite("Interactive hand-off and subagents in the UI")
struct InteractiveActionTests {
  @Test("i opens the selected session in its CLI; the session is re-read when the CLI exits")
  func openSession() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try app.select(id)
    try app.press(.character("i"))
    #expect(app.requested == [.openInteractive(.session(id))])
    var state = app.state
    #expect(Reducer().reduce(&state, .interactiveEnded(sessionID: id, message: "Back from claude_code")) == [.refreshSessions([id])])
    try app.send(.interactiveEnded(sessionID: id, message: "Back from claude_code"))
    #expect(app.state.message == "Back from claude_code")
    #expect(app.state.selectedID == id, "the TUI is back where it was")
  }

  @Test("i refuses a session a run is recording, or one with no resume key")
  func refusals() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try app.select(id)
    try app.loop.send(.runsChanged([
      RunRecord(pid: 7, processStartTime: 1, sessionID: id, dataDirectory: "/d", provider: "claude_code", startedAt: "")
    ]))
    try app.press(.character("i"))
    #expect(app.requested.isEmpty)
    #expect(app.state.message == "A run is recording this session; stop it (x) first")

    var keyless = app.state
    keyless.runs = []
    var t = try #require(keyless.trajectories[id])
    t.agent = "codex"
    t.metadata = [:]
    keyless.trajectories[id] = t
    #expect(Reducer().reduce(&keyless, .keyPressed(.character("i"))).isEmpty)
    #expect(keyless.message == "Cannot open 5f0c2a9e: no resume key was persisted for this session")
  }

  @Test("the form: Space on 'Start as' switches to interactive, which needs no prompt and no subagents file")
  func interactiveForm() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    try app.press(.character("n"))
    for _ in 0..<6 { try app.press(.tab) }
    try app.type("agents.json")
    try app.press(.tab, .character(" "))
    #expect(app.text.contains("interactive: the agent's own UI, here"))
    try app.press(.enter)
    #expect(app.state.message == "Subagents need a recorded run: clear the file or start in the background")
    try app.press(.backTab, .ctrl("u"), .tab, .enter)
    var expected = NewSessionForm.Values(directory: "")
    expected.interactive = true
    #expect(app.requested == [.openInteractive(.start(expected))])
  }

  @Test("the form passes a subagents file to the run")
  func subagentsFile() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    try app.press(.character("n"))
    for _ in 0..<5 { try app.press(.tab) }
    try app.type("review it")
    try app.press(.tab)
    try app.type("~/agents.json")
    try app.press(.enter)
    var expected = NewSessionForm.Values(directory: "")
    expected.prompt = "review it"
    expected.agents = "~/agents.json"
    #expect(app.requested == [.startRun(.start(expected))])
  }

  @Test("a running subagent shows under its tool call with its latest steps, nested ones marked")
  func runningSubagent() {
    let inner = Trajectory(agent: "claude_code", turns: [Turn(input: "style", output: [.thinking("names")])])
    let sub = Trajectory(
      agent: "codex",
      turns: [Turn(input: "review", output: [
        .text("Looking at main.py"),
        .toolUse(ToolUse(id: "c", name: "subagent.style_checker", arguments: ["prompt": "style"], subagentTrajectory: inner)),
      ])])
    let call = ToolUse(id: "t", name: "mcp__subagent__code_reviewer", arguments: ["prompt": "review"], subagentTrajectory: sub)
    let turn = Turn(input: "go", output: [.toolUse(call)])
    let live = TranscriptDocument.build(turn, index: 0, inProgress: true, showThinking: false, width: 100)
      .map { $0.spans.map(\.text).joined() }
    #expect(live.contains { $0.contains("● subagent running: codex, 2 blocks, 1 tool call so far") })
    #expect(live.contains("  ↳ Looking at main.py"))
    #expect(live.contains { $0.hasPrefix("  ↳ ⚙ subagent.style_checker") && $0.hasSuffix("● subagent running") })
    var finished = call
    finished.output = "done"
    let done = TranscriptDocument.build(
      Turn(input: "go", output: [.toolUse(finished)]), index: 0, inProgress: false, showThinking: false, width: 100)
      .map { $0.spans.map(\.text).joined() }
    #expect(!done.contains { $0.contains("running") || $0.contains("↳") })
    #expect(done.contains { $0.contains("subagent: 1 turn") })
    let page = ToolCallDocument.build(call, expanded: false, width: 100).map { $0.spans.map(\.text).joined() }
    #expect(page.first?.hasSuffix("● subagent running") == true)
    #expect(ToolCallDocument.build(finished, expanded: false, width: 100).first?.spans.map(\.text).joined().hasSuffix("✓ ok") == true)
  }
}
