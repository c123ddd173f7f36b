import CawCore
import CawUI
import OrderedCollections
import Testing
import TestSupport

/// Labels that say whose page it is and what is not known.
@Suite("Labels")
struct LabelTests {
  @Test("a turn page opened inside a subagent is titled with the subagent's id, not the parent's")
  func subagentTurnPageNamesTheSubagent() throws {
    var app = try AppHarness.demo(Size(width: 100, height: 30))
    try app.press(.down, .down, .down, .enter, .enter)
    try app.type("/code_reviewer")
    try app.press(.enter, .enter, .enter, .enter)
    guard case .transcript(let path, _) = app.state.page else {
      Issue.record("expected a subagent's transcript, got \(app.state.page)")
      return
    }
    #expect(!path.steps.isEmpty)
    let title = try #require(app.text.split(separator: "\n").dropFirst().first)
    #expect(title.hasPrefix("─ Turn 0  subagent b2c3d4e5"), "\(title)")
    #expect(!title.contains("a1b2c3d4"), "\(title)")
  }

  @Test("a turn with no recorded duration shows – in TIME, not 0ms")
  func unknownDurationIsADash() throws {
    #expect(TurnRow(Turn(input: "x", durationMS: 0), index: 0, inProgress: false).duration == "–")
    #expect(TurnRow(Turn(input: "x", durationMS: 850), index: 0, inProgress: false).duration == "850ms")
    var app = try AppHarness.demo(Size(width: 100, height: 30))
    try app.select("8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0")
    try app.press(.enter)
    let row = try #require(app.text.split(separator: "\n").first { $0.contains("  0 Add a created_at") })
    #expect(row.contains(" – "), "\(row)")
    #expect(!row.contains("0ms"), "\(row)")
  }
}

/// A session whose last turn was stopped is marked, in the list and by the status filter.
@Suite("Cancelled sessions")
struct CancelledSessionTests {
  @Test("a session whose last turn was cancelled is marked ⊗ cancelled, not ✓; one resumed after it is finished")
  func cancelledSessionIsMarked() throws {
    let tree = TempTree("caw-ui-cancelled")
    for (id, cancelled) in [("stopped", [1]), ("resumed", [0])] {
      var store = try SessionStore(dataDirectory: tree.path + "/caw_data", sessionID: id)
      var t = Trajectory(
        agent: "claude_code", model: "m", sessionID: id, createdAt: "2026-11-22T05:00:00+00:00",
        metadata: ["cancelled_turns": .array(cancelled.map { .number(.int($0)) })])
      try store.writeMetadata(t)
      for input in ["first", "second"] {
        let turn = Turn(input: input, durationMS: 1000)
        t.turns.append(turn)
        try store.appendTurn(turn, trajectory: t, rawOutput: "")
      }
      t.completedAt = "2026-11-22T05:01:00+00:00"
      try store.saveTrajectory(t)
    }
    let reader = SessionReader(DataDirectory(tree.path + "/caw_data"))
    let stopped = reader.summarise("stopped")
    #expect(stopped.lastTurnCancelled)
    #expect(!reader.summarise("resumed").lastTurnCancelled)
    #expect(DisplayStatus(stopped, now: AppHarness.now) == .cancelled)
    #expect(DisplayStatus.cancelled.glyph == "⊗")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 100, height: 30))
    let text = app.text
    #expect(text.contains("⊗ claude_code"), "\(text)")
    #expect(text.contains("✓ claude_code"), "\(text)")
    // The status filter has it too.
    while app.state.query.status != .cancelled, app.state.query.status != .broken { try app.press(.character("f")) }
    #expect(app.state.visibleSessions.map(\.id) == ["stopped"])
  }

}
