import CawCore
import CawUI
import Foundation
import OrderedCollections
import Testing

/// The reducer's side of live follow, runs, exports and copies: pure state changes and the effects asked
/// for, on the demo tree.
@Suite("Live actions and dialogs")
struct LiveActionTests {
  private func record(_ id: String, pid: Int32 = 4242) -> RunRecord {
    RunRecord(
      pid: pid, processStartTime: 1, sessionID: id, dataDirectory: "/data", provider: "claude_code",
      startedAt: "2026-11-22T05:59:00+00:00")
  }

  @Test("a session a run records is shown running, with its elapsed time, and x asks before stopping it")
  func runningAndStop() throws {
    var app = try AppHarness.demo(Size(width: 160, height: 48))
    let id = try #require(app.state.visibleSessions.first { $0.status == .finished }?.id)
    try app.loop.send(.runsChanged([record(id)]))
    try app.loop.send(.clockTicked(AppHarness.now))
    #expect(app.text.contains("▶ 1 run"))
    try app.select(id)
    #expect(LiveBadge.text(app.state, sessionID: id) == "● running 1m 0.0s · following")
    #expect(app.text.contains("● running 1m 0.0s"))
    try app.press(.character("x"))
    #expect(app.text.contains("Stop the claude_code run recording \(id.prefix(8))"))
    try app.press(.character("y"))
    #expect(app.requested == [.stopRuns([record(id)])])
  }

  @Test("quitting with runs asks: s stops them and quits, l leaves them and quits, Esc stays")
  func quitWithRuns() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let run = record(app.state.visibleSessions[0].id)
    try app.loop.send(.runsChanged([run]))
    try app.press(.character("q"))
    #expect(app.text.contains("1 run is recording"))
    try app.press(.escape)
    #expect(!app.state.quitting)
    try app.press(.character("q"), .character("l"))
    #expect(app.state.quitting)
    #expect(app.requested == [.quit])
    var other = try AppHarness.demo(Size(width: 120, height: 40))
    try other.loop.send(.runsChanged([run]))
    try other.press(.character("q"), .character("s"))
    #expect(other.requested == [.stopRuns([run]), .quit])
  }

  @Test("r asks for a message and starts a resume; a session without a resume key says why and asks nothing")
  func resume() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try app.select(id)
    try app.press(.character("r"))
    #expect(app.text.contains("Resume 5f0c2a9e"))
    try app.press(.enter)
    #expect(app.state.message == "Type the message to send")
    try app.type("go on")
    try app.press(.enter)
    #expect(app.requested == [.startRun(.resume(sessionID: id, message: "go on"))])
    #expect(app.state.dialog == nil)

    var keyless = app.state
    var t = try #require(keyless.trajectories[id])
    t.agent = "codex"
    t.metadata = [:]
    keyless.trajectories[id] = t
    keyless.dialog = nil
    var effects = Reducer().reduce(&keyless, .keyPressed(.character("r")))
    #expect(effects.isEmpty)
    #expect(keyless.dialog == nil)
    #expect(keyless.message == "Cannot resume 5f0c2a9e: no resume key was persisted for this session")
    effects = Reducer().reduce(&keyless, .keyPressed(.character("x")))
    #expect(keyless.message == "No run is recording this session")
  }

  @Test("n fills the form field by field; an unknown provider sends the cursor back; Enter on the prompt starts")
  func newSessionForm() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    try app.press(.character("n"))
    #expect(app.text.contains("New session"))
    try app.press(.ctrl("u"))
    try app.type("gemini")
    for _ in 0..<5 { try app.press(.tab) }
    try app.type("do it")
    try app.press(.enter)
    #expect(app.state.message == "Unknown provider: use claude_code, codex or opencode")
    guard case .newSession(var form) = app.state.dialog else { Issue.record("the form closed"); return }
    #expect(form.field == .provider)
    for _ in 0..<6 { try app.press(.backspace) }
    try app.type("codex")
    try app.press(.enter)
    try app.type("fast")
    try app.press(.enter, .enter, .enter, .enter)
    guard case .newSession(let filled) = app.state.dialog else { Issue.record("the form closed early"); return }
    form = filled
    #expect(form.field == .prompt)
    try app.press(.enter)
    var expected = NewSessionForm.Values(directory: "")
    expected.provider = "codex"
    expected.model = "fast"
    expected.prompt = "do it"
    #expect(app.requested == [.startRun(.start(expected))])
  }

  @Test("e exports the selected session, or the open subagent; an existing file is only replaced after y")
  func export() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    try app.select(id)
    try app.press(.character("e"))
    #expect(app.text.contains("Export a1b2c3d4"))
    try app.press(.character("a"))
    #expect(app.text.contains("./\(id).atif.json"))
    try app.press(.enter)
    let session = TrajectoryPath(sessionID: id)
    #expect(app.requested == [.export(session, .atif, path: "./\(id).atif.json", overwrite: false)])
    try app.loop.send(.exportNeedsConfirmation(session, .atif, path: "/x/\(id).atif.json"))
    #expect(app.text.contains("Replace it? y / n"))
    try app.press(.character("y"))
    #expect(app.requested.last == .export(session, .atif, path: "/x/\(id).atif.json", overwrite: true))
    try app.loop.send(.exported(path: "/x/out.json", bytes: 123))
    #expect(app.state.message == "Wrote /x/out.json (123 bytes)")
  }

  @Test("y copies the resume handle or the resume command, on request only")
  func copy() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try app.select(id)
    #expect(app.requested.isEmpty)
    try app.press(.character("y"), .character("h"))
    let handle = #"{"version": 1, "provider": "claude_code", "session_id": "\#(id)", "resume_key": "\#(id)"}"#
    #expect(app.requested == [.copyToClipboard(handle, label: "the resume handle")])
    try app.press(.character("y"), .character("c"))
    #expect(app.requested.last == .copyToClipboard("caw-tui resume \(id) ", label: "the resume command"))
    #expect(ClipboardSequence.osc52("hi") == "\u{1B}]52;c;aGk=\u{07}")
  }

  @Test("a new session appears above the selection without moving the selected row")
  func newSessionsDoNotMoveTheSelection() throws {
    var app = try AppHarness.demo(Size(width: 80, height: 9))
    try app.press(.down, .down, .down, .down, .down)
    #expect(app.state.sessionScroll.offset > 0, "the list must be scrolled for this test")
    let selected = try #require(app.state.selectedID)
    let rowBefore = app.state.sessionScroll.cursor - app.state.sessionScroll.offset
    var newest = try #require(app.state.summaries.first)
    newest.id = "ffffffff-0000-4000-8000-000000000000"
    newest.createdAt = "2026-11-22T06:30:00+00:00"
    try app.loop.send(.sessionsRefreshed([newest], removed: [], now: AppHarness.now))
    #expect(app.state.selectedID == selected)
    #expect(app.state.visibleSessions.first?.id == newest.id)
    #expect(app.state.sessionScroll.cursor - app.state.sessionScroll.offset == rowBefore)
  }

  @Test("a re-read session changes its row in place: its filter text, start time, sort place and costs")
  func refreshedRowsChangeInPlace() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 30))
    try app.press(.character("/"))
    try app.type("zebra")
    try app.press(.enter)
    #expect(app.state.visibleSessions.isEmpty)
    let order = app.state.summaries.map(\.id)
    var changed = try #require(app.state.summaries.last)
    changed.firstUserMessage = "Paint the zebra crossing"
    changed.createdAt = "2026-11-22T05:59:00+00:00"
    changed.totalUsage.costUSD = .double(999)
    try app.send(.sessionsRefreshed([changed], removed: [], now: AppHarness.now + 60))
    #expect(app.state.summaries.map(\.id) == order, "the row stays in its place in the list")
    #expect(app.state.summary(changed.id) == changed)
    #expect(app.state.now == AppHarness.now + 60)
    #expect(app.state.visibleSessions.map(\.id) == [changed.id], "the filter sees the new text")
    #expect(app.state.visibleCosts == ListCostTotals([changed]))
    try app.press(.escape)
    #expect(app.state.visibleSessions.first?.id == changed.id, "newest first: its new start time sorts it first")
    try app.press(.character("s"))
    #expect(app.state.query.sort == .cost)
    #expect(app.state.visibleSessions.first?.id == changed.id, "and its cost first by cost")
  }

  @Test("following moves to the newest turn as a session grows; scrolling up pauses it; F resumes")
  func followMode() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try app.select(id)
    try app.press(.tab)
    #expect(app.state.timelineScroll.cursor == 0, "a finished session opens at its first turn")
    try app.loop.send(.runsChanged([record(id)]))
    var t = try #require(app.state.trajectories[id])
    t.turns.append(Turn(input: "third", output: [.text("more")]))
    try app.loop.send(.sessionLoaded(id: id, t, error: nil))
    #expect(app.state.timelineScroll.cursor == 2)
    try app.press(.up)
    #expect(!app.state.following)
    #expect(app.state.message == "Paused following: F follows the newest event again")
    t.turns.append(Turn(input: "fourth"))
    try app.loop.send(.sessionLoaded(id: id, t, error: nil))
    #expect(app.state.timelineScroll.cursor == 1)
    try app.press(.character("F"))
    #expect(app.state.following)
    #expect(app.state.timelineScroll.cursor == 3)
  }
}
