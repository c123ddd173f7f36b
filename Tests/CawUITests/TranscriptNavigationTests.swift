import CawCore
import CawUI
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// Moving through a transcript by meaning: `[`/`]` between messages, `{`/`}` between tool calls, and a
/// `/` search that finds text in folded outputs and hidden thinking.
@Suite("Transcript navigation and in-session search")
struct TranscriptNavigationTests {
  /// A session of two turns: turn 0 holds text, thinking and three tool calls (the last with 60 output
  /// lines), turn 1 a text and one tool call.
  private static func app() throws -> (AppHarness, TempTree) {
    let tree = TempTree("caw-ui-navigation")
    var store = try SessionStore(dataDirectory: tree.path + "/caw_data", sessionID: "nav")
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "nav", createdAt: "2026-11-22T05:00:00+00:00")
    try store.writeMetadata(t)
    let long = (1...60).map { String(format: "line %03d", $0) }.joined(separator: "\n")
    let first = Turn(
      input: "fix the dates",
      output: [
        .text("Looking at the code."),
        .thinking("The hidden hunch: a naive timestamp somewhere."),
        .toolUse(ToolUse(id: "1", name: "Alpha", arguments: .object(["path": "a.py"]), output: "a")),
        .text("Now the tests."),
        .toolUse(ToolUse(id: "2", name: "Beta", arguments: .object(["path": "b.py"]), output: "b")),
        .toolUse(ToolUse(id: "3", name: "Gamma", arguments: .object(["command": "seq"]), output: long)),
      ])
    t.turns = [first]
    try store.appendTurn(first, trajectory: t, rawOutput: "")
    let second = Turn(
      input: "and again",
      output: [.text("Once more, the dates."), .toolUse(ToolUse(id: "4", name: "Delta", arguments: .object([:]), output: "d"))])
    t.turns.append(second)
    try store.appendTurn(second, trajectory: t, rawOutput: "")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 100, height: 30))
    try app.press(.enter, .enter)  // the timeline, then turn 0's transcript
    return (app, tree)
  }

  /// The text of the row under the cursor.
  private func cursorRow(_ app: AppHarness) -> String {
    let lines = Documents.lines(app.state)
    guard let cursor = app.state.stack.last?.scroll.cursor, lines.indices.contains(cursor) else { return "" }
    return lines[cursor].text
  }

  @Test("} and { go from tool call to tool call, on into the next turn and back")
  func toolCallJumps() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: "nav"), turn: 0))
    try app.press(.character("}"))
    #expect(cursorRow(app).contains("▸ Alpha"))
    #expect(app.text.contains("tool call 1/3"))
    try app.press(.character("}"))
    #expect(cursorRow(app).contains("▸ Beta"))
    try app.press(.character("}"))
    #expect(cursorRow(app).contains("▸ Gamma") && app.text.contains("tool call 3/3"))
    try app.press(.character("}"))
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: "nav"), turn: 1))
    #expect(cursorRow(app).contains("▸ Delta") && app.text.contains("turn 1"))
    try app.press(.character("}"))
    #expect(cursorRow(app).contains("▸ Delta") && app.text.contains("last tool call"))
    try app.press(.character("{"))
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: "nav"), turn: 0))
    #expect(cursorRow(app).contains("▸ Gamma"))
    // The focused tool call opens with Enter.
    try app.press(.enter)
    #expect(app.text.contains("Gamma  id 3"))
  }

  @Test("] and [ go from message to message: the prompt, text and thinking")
  func messageJumps() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    try app.press(.character("]"))
    #expect(cursorRow(app).contains("▌ Assistant"))
    try app.press(.character("]"))
    #expect(cursorRow(app).contains("Thinking"))
    try app.press(.character("]"))
    #expect(cursorRow(app).contains("▌ Assistant") && app.text.contains("message 4/4"))
    try app.press(.character("]"))
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: "nav"), turn: 1))
    #expect(cursorRow(app).contains("▌ User"))
    try app.press(.character("["))
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: "nav"), turn: 0))
    #expect(cursorRow(app).contains("▌ Assistant"))
    try app.press(.character("["), .character("["), .character("["))
    #expect(cursorRow(app).contains("▌ User") && app.text.contains("message 1/4"))
    try app.press(.character("["))
    #expect(cursorRow(app).contains("▌ User") && app.text.contains("This is the first message"))
  }

  @Test("/ finds text in a folded tool output and unfolds it")
  func searchInFoldedOutput() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    try app.press(.character("}"), .character("}"), .character("}"), .enter)
    #expect(app.text.contains("Output  60 lines") && !app.text.contains("line 050"))
    #expect(app.state.stack.last?.expanded == false)
    try app.press(.character("/"))
    try app.type("line 050")
    try app.press(.enter)
    #expect(app.text.contains("match 1/1 for \"line 050\""))
    #expect(app.text.contains("line 050"))
    #expect(app.state.stack.last?.expanded == true)
  }

  @Test("/ finds text in hidden thinking and shows it")
  func searchInHiddenThinking() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    #expect(app.text.contains("▸ Thinking") && !app.text.contains("hidden hunch"))
    try app.press(.character("/"))
    try app.type("hidden hunch")
    try app.press(.enter)
    #expect(app.text.contains("match 1/1 for \"hidden hunch\""))
    #expect(app.text.contains("The hidden hunch: a naive timestamp"))
  }

  @Test("/ in a transcript finds a tool output past its preview; Enter opens the call at the match")
  func searchInTranscriptOutput() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    try app.press(.character("/"))
    try app.type("line 042")
    try app.press(.enter)
    #expect(app.text.contains("match 1/1 for \"line 042\""))
    #expect(cursorRow(app).contains("▸ Gamma"))
    try app.press(.enter)
    #expect(app.text.contains("nav › turn 0 › Gamma") && app.state.stack.last?.expanded == true)
    #expect(app.text.contains("line 042") && app.text.contains("match 1/1"))
  }

  @Test("/ searches the whole session: a turn without the text opens the next one with it; n and N go on across turns")
  func searchAcrossTurns() throws {
    var (app, tree) = try Self.app()
    defer { _ = tree }
    let path = TrajectoryPath(sessionID: "nav")
    try app.press(.character("/"))
    try app.type("once more")
    try app.press(.enter)
    #expect(app.state.page == .transcript(path, turn: 1))
    #expect(cursorRow(app).contains("Once more") && app.text.contains("match 1/1 for \"once more\" in turn 1"))
    // "dates": the prompt of turn 0, the text of turn 1.
    try app.press(.character("/"))
    try app.type("dates")
    try app.press(.enter)
    #expect(app.state.page == .transcript(path, turn: 1) && cursorRow(app).contains("Once more, the dates"))
    try app.press(.character("n"))
    #expect(app.state.page == .transcript(path, turn: 0) && cursorRow(app).contains("fix the dates"))
    #expect(app.text.contains("match 1/1 for \"dates\" in turn 0"))
    try app.press(.character("n"))
    #expect(app.state.page == .transcript(path, turn: 1))
    try app.press(.character("N"))
    #expect(app.state.page == .transcript(path, turn: 0))
    // Nowhere in the session: the page stays.
    try app.press(.character("/"))
    try app.type("nowhere at all")
    try app.press(.enter)
    #expect(app.state.page == .transcript(path, turn: 0) && app.text.contains("no match for \"nowhere at all\""))
  }
}
