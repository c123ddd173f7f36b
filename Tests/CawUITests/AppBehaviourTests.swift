import CawCore
import CawUI
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// The app driven by keys and the mouse, checked on what a person sees and on the state.
@Suite("App behaviour on the demo tree")
struct AppBehaviourTests {
  let size = Size(width: 100, height: 30)

  @Test func startsOnTheNewestSessionAndLoadsIt() throws {
    let app = try AppHarness.demo(size)
    #expect(app.state.visibleSessions.count == 7)
    #expect(app.state.selectedID?.hasPrefix("e7f8a9b0") == true)
    #expect(app.state.trajectories[app.state.selectedID ?? ""] != nil)
    // Its turn is open, but nothing records it: unfinished, not running.
    #expect(app.text.contains("○ claude_code"))
  }

  @Test func sortCyclesAndTheSelectionStaysOnTheSameSession() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .down)
    let selected = try #require(app.state.selectedID)
    #expect(selected.hasPrefix("8b7e6d5c"))
    for expected in [SessionSort.cost, .turns, .duration, .newest] {
      try app.press(.character("s"))
      #expect(app.state.query.sort == expected)
      #expect(app.state.selectedID == selected)
      #expect(app.state.visibleSessions[app.state.sessionScroll.cursor].id == selected)
    }
    try app.press(.character("s"))
    #expect(app.state.visibleSessions.first?.id.hasPrefix("5f0c2a9e") == true)
    #expect(app.text.contains("sort cost"))
  }

  @Test func selectionSurvivesAReload() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .down, .down)
    let selected = app.state.selectedID
    var summaries = app.state.summaries
    summaries.removeFirst()
    try app.send(.sessionsListed(summaries, now: AppHarness.now))
    #expect(app.state.selectedID == selected)
    #expect(app.state.sessionScroll.cursor == 2)
  }

  @Test func aPastedWholeIDFindsItsSession() throws {
    var app = try AppHarness.demo(size)
    let id = try #require(app.state.summaries.last?.id)
    #expect(id.count > 8)
    try app.press(.character("/"))
    try app.type(id)
    try app.press(.enter)
    #expect(app.state.visibleSessions.map(\.id) == [id])
  }

  @Test func slashFiltersOverTheVisibleColumns() throws {
    var app = try AppHarness.demo(size)
    try app.press(.character("/"))
    try app.type("日本語")
    #expect(app.state.visibleSessions.count == 1)
    #expect(app.text.contains("filter: 日本語▏"))
    try app.press(.enter)
    #expect(app.text.contains("1/7"))
    try app.press(.character("/"), .escape)
    #expect(app.state.visibleSessions.count == 7)
    try app.press(.character("/"))
    try app.type("codex")
    #expect(app.state.visibleSessions.map(\.agent).allSatisfy { $0 == "codex" || $0 == "opencode" })
  }

  @Test func quickFiltersByProviderAndStatus() throws {
    var app = try AppHarness.demo(size)
    try app.press(.character("p"))
    #expect(app.state.query.provider == "claude_code")
    #expect(app.state.visibleSessions.count == 5)
    try app.press(.character("p"))
    #expect(app.state.query.provider == "codex")
    #expect(app.state.visibleSessions.count == 1)
    try app.press(.character("c"), .character("f"))
    #expect(app.state.query.status == .running)
    #expect(app.state.visibleSessions.isEmpty, "nothing records the demo's session with an open turn")
    try app.press(.character("f"))
    #expect(app.state.query.status == .unfinished)
    #expect(app.state.visibleSessions.count == 1)
    try app.press(.character("f"), .character("f"))
    #expect(app.state.query.status == .cancelled)
    try app.press(.character("f"))
    #expect(app.state.query.status == .usageLimited)
    #expect(app.text.contains("⊘"))
    try app.press(.character("f"))
    #expect(app.text.contains("No session matches the filters (c clears them)."))
  }

  @Test func anOpenTurnIsRunningOnlyWhileItsFilesChange() throws {
    var idle = try AppHarness.demo(size)
    try idle.press(.enter)
    #expect(idle.text.contains("○ claude_code claude-opus-4-6"), "nothing has written the open turn for 10 minutes")
    #expect(!idle.text.contains("●1"))
    try idle.press(.character("G"), .enter)
    #expect(!idle.text.contains("in progress"))

    var app = try AppHarness.demo(size) { dataDirectory in
      let session = dataDirectory + "/sessions/e7f8a9b0-c1d2-4e3f-8a4b-5c6d7e8f9a0b/trajectory.json"
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSince1970: AppHarness.now - 5)], ofItemAtPath: session)
    }
    try app.press(.enter)
    #expect(app.text.contains("●1"))
    #expect(app.text.contains("running"))
    try app.press(.character("G"), .enter)
    #expect(app.text.contains("turn 1  ● in progress"))
  }

  @Test func thinkingToggles() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    #expect(app.text.contains("▸ Thinking  1 line hidden (t shows)"))
    try app.press(.character("t"))
    #expect(app.text.contains("I should read utils/dates.py first"))
    try app.press(.character("t"))
    #expect(!app.text.contains("I should read utils/dates.py first"))
  }

  @Test func searchMovesBetweenMatchesWithACounter() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter, .character("/"))
    try app.type("pytest")
    try app.press(.enter)
    #expect(app.text.contains("match 1/2 for \"pytest\" in turn 0"))
    try app.press(.character("n"))
    #expect(app.text.contains("match 2/2"))
    // Past the turn's last match, on into the next turn that mentions it, and back.
    try app.press(.character("n"))
    #expect(app.text.contains("for \"pytest\" in turn 1") && app.text.contains("turn 1"))
    try app.press(.character("N"))
    #expect(app.text.contains("match 2/2 for \"pytest\" in turn 0"))
    let matchCells = (0..<app.frame.size.height).flatMap { row in (0..<app.frame.size.width).map { app.frame[$0, row] }
    }
    .filter { $0.role == .match }
    #expect(matchCells.map(\.text).joined().contains("pytest"))
  }

  @Test func longOutputExpandsAndScrolls() throws {
    let tree = TempTree("caw-ui-long")
    var store = try SessionStore(dataDirectory: tree.path + "/caw_data", sessionID: "long")
    let output = (1...300).map { "row \($0)" }.joined(separator: "\n")
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "long", createdAt: "2026-11-22T05:00:00+00:00")
    try store.writeMetadata(t)
    let turn = Turn(
      input: "go",
      output: [.toolUse(ToolUse(id: "1", name: "Bash", arguments: .object(["command": "seq 300"]), output: output))])
    t.turns = [turn]
    try store.appendTurn(turn, trajectory: t, rawOutput: "")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 80, height: 24))
    try app.press(.enter, .enter, .down, .down, .down, .enter)
    try app.press(.character("G"))
    #expect(app.text.contains("… 280 more lines — w shows all"))
    try app.press(.character("w"), .character("G"))
    #expect(app.text.contains("row 300"))
    #expect(!app.text.contains("more lines"))
    try app.press(.character("g"))
    #expect(app.text.contains("Bash  id 1"))
    try app.press(.ctrl("d"))
    #expect(!app.text.contains("Bash  id 1"))
  }

  @Test func escapeGoesBackOutOneLevelAtATime() throws {
    var app = try AppHarness.demo(size)
    try app.press(
      .down, .enter, .enter, .character("j"), .character("j"), .character("j"), .character("j"), .character("j"),
      .character("j"), .enter)
    #expect(app.state.stack.count == 2)
    #expect(app.text.contains("Sessions › 5f0c2a9e › turn 0 › Read"))
    try app.press(.escape)
    #expect(app.state.stack.count == 1)
    try app.press(.escape)
    #expect(app.state.stack.isEmpty)
    #expect(app.state.focus == .timeline)
    try app.press(.escape)
    #expect(app.state.focus == .sessions)
  }

  @Test func mouseClickSelectsAndWheelScrolls() throws {
    var app = try AppHarness.demo(size)
    try app.send(.mouseUsed(MouseEvent(.click, column: 10, row: 6)))
    #expect(app.state.sessionScroll.cursor == 3)
    #expect(app.state.selectedID?.hasPrefix("a1b2c3d4") == true)
    try app.send(.mouseUsed(MouseEvent(.wheelUp, column: 10, row: 6)))
    #expect(app.state.sessionScroll.cursor == 0)
    try app.send(.mouseUsed(MouseEvent(.wheelDown, column: 10, row: 6)))
    #expect(app.state.sessionScroll.cursor == 3)
  }

  @Test func pagerGetsTheOpenTextAndQuitIsAnEffect() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    var state = app.state
    let reducer = Reducer()
    let effects = reducer.reduce(&state, .keyPressed(.character("o")))
    guard case .openPager(let text) = effects.first else {
      Issue.record("expected a pager effect, got \(effects)")
      return
    }
    #expect(text.hasPrefix("▌ User  turn 0\n  The date parser"))
    #expect(reducer.reduce(&state, .keyPressed(.ctrl("c"))) == [.quit])
    #expect(state.quitting)
  }

  @Test func resizingKeepsTheCursorVisible() throws {
    var app = try AppHarness.demo(Size(width: 80, height: 24))
    try app.press(.character("G"))
    try app.send(.terminalResized(Size(width: 40, height: 6)))
    #expect(app.state.sessionScroll.cursor == 6)
    #expect(app.state.sessionScroll.offset == 5)
    #expect(app.text.contains("README"))
  }

  @Test func theListShowsEachSessionsProjectAndFiltersByIt() throws {
    var app = try AppHarness.demo(Size(width: 130, height: 30))
    #expect(app.text.contains("PROJECT"))
    let rows = app.text.split(separator: "\n").filter { $0.contains(" ago ") }
    #expect(rows.count == 7 && rows.allSatisfy { $0.contains(" shop ") || $0.contains(" web ") }, "\(rows)")
    try app.press(.character("/"))
    try app.type("web")
    #expect(app.state.visibleSessions.count == 2)
    #expect(app.state.visibleSessions.allSatisfy { $0.project == "web" })
  }

  @Test func sinceAndUntilInTheFilterKeepSessionsStartedInThoseDays() throws {
    var app = try AppHarness.demo(Size(width: 130, height: 30))
    let now = app.state.now
    let today = LocalTime.date(now)
    let startOfToday = try #require(LocalTime.seconds(year: today.year, month: today.month, day: today.day))
    let startOfYesterday = try #require(LocalTime.seconds(year: today.year, month: today.month, day: today.day - 1))
    let yesterdays = Set(app.state.summaries.filter { $0.startTime >= startOfYesterday && $0.startTime < startOfToday }.map(\.id))
    let todays = Set(app.state.summaries.filter { $0.startTime >= startOfToday }.map(\.id))
    #expect(!todays.isEmpty && yesterdays.count + todays.count == 7)
    try app.press(.character("/"))
    try app.type("until:yesterday")
    #expect(Set(app.state.visibleSessions.map(\.id)) == yesterdays)
    try app.press(.ctrl("u"))
    try app.type("since:today shop")
    #expect(Set(app.state.visibleSessions.map(\.id)) == Set(app.state.summaries.filter { todays.contains($0.id) && $0.project == "shop" }.map(\.id)))
    // A date still being typed filters nothing by date yet, and the title says what is wanted.
    try app.press(.ctrl("u"))
    try app.type("since:2026-1")
    #expect(app.state.visibleSessions.count == 7)
    #expect(app.text.contains("since:/until: want a date"))
  }

  @Test func brokenSessionsSayWhy() throws {
    let tree = TempTree("caw-ui-broken")
    tree.write("caw_data/sessions/bad/trajectory.json", "{not json")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: size)
    #expect(app.text.contains("✗"))
    #expect(app.text.contains("broken:"))
    try app.press(.enter)
    #expect(app.text.contains("This session cannot be read"))
  }

  @Test func fileProblemsAreCountedAndListedInThePager() throws {
    let tree = TempTree("caw-ui-problems")
    var store = try SessionStore(dataDirectory: tree.path + "/caw_data", sessionID: "odd")
    var t = Trajectory(agent: "codex", model: "m", sessionID: "odd", createdAt: "2026-11-22T05:00:00+00:00")
    try store.writeMetadata(t)
    t.turns = [Turn(input: "hello")]
    try store.appendTurn(t.turns[0], trajectory: t, rawOutput: "")
    let path = tree.path + "/caw_data/sessions/odd/trajectory.json"
    let json = tree.read("caw_data/sessions/odd/trajectory.json").replacingOccurrences(
      of: "\"model\": \"m\"", with: "\"model\": 7")
    tree.write("caw_data/sessions/odd/trajectory.json", json)
    #expect(json.contains("\"model\": 7"), "the fixture edit did not apply to \(path)")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: size)
    try app.press(.enter)
    #expect(app.text.contains("! 1 file problem (o lists them)"))
    var state = app.state
    guard case .openPager(let text) = Reducer().reduce(&state, .keyPressed(.character("o"))).first else {
      Issue.record("expected a pager effect")
      return
    }
    #expect(text.hasPrefix("! "))
    #expect(text.contains("model"))
  }

  @Test func emptyTreeSaysSo() {
    let tree = TempTree("caw-ui-empty")
    tree.write("caw_data/sessions/.keep", "")
    let app = AppHarness(dataDirectory: tree.path + "/caw_data", size: size)
    #expect(app.text.contains("No sessions in this data directory yet."))
  }
}
