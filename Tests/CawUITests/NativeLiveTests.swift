import CawApp
import CawCore
import CawUI
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// The agents' own sessions followed while they are written, through the real session service: a
/// transcript that grows, a rollout that appears, one a caw session recorded, and the search index following.
@Suite("native sessions followed live in the TUI")
struct NativeLiveTests {
  let fixtures = NativeFixtures("native-live")
  let size = Size(width: 150, height: 40)

  /// A new turn for Claude Code 2.0's session: a prompt and a reply holding `word`.
  private static func claudeTurn(_ word: String) -> [String] {
    let common = #""isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26""#
    return [
      #"{"parentUuid":"b9",\#(common),"type":"user","message":{"role":"user","content":"Try again with \#(word) timestamps"},"uuid":"b10","timestamp":"2025-10-24T20:52:00.000Z"}"#,
      #"{"parentUuid":"b10",\#(common),"message":{"model":"claude-sonnet-4-5-20250929","id":"msg_v20_d","type":"message","role":"assistant","content":[{"type":"text","text":"The \#(word) case passes now."}],"stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":7}},"type":"assistant","uuid":"b11","timestamp":"2025-10-24T20:52:05.000Z"}"#,
    ]
  }

  /// A codex rollout of thread `id`: one turn with `prompt`.
  private static func rollout(_ id: String, prompt: String) -> [String] {
    NativeFixtures.codexNewLines.map { $0.replacingOccurrences(of: NativeFixtures.codexNew, with: id) }
      .map { $0.replacingOccurrences(of: "Run the tests and fix the failure", with: prompt) }
  }

  private func append(_ lines: [String], to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
  }

  @Test("a transcript written while it is open is read again: its new turn shows, and S finds it")
  func transcriptGrowsWhileOpen() throws {
    var app = try AppHarness.withNativeStores(size, fixtures: fixtures)
    // The index is built once S is pressed; from then on it follows.
    try app.press(.character("S"), .escape)
    let id = NativeFixtures.claudeV20
    try app.select(id)
    try app.press(.enter)
    let before = try #require(app.state.trajectories[id]).turns.count
    let transcript = fixtures.claudeDirectory + "/\(id).jsonl"
    try append(Self.claudeTurn("zanzibar"), to: transcript)
    try app.send(.filesChanged(SessionChange(nativeFiles: [transcript])))
    #expect(app.state.trajectories[id]?.turns.count == before + 1)
    #expect(app.state.summary(id)?.turnCount == before + 1)
    #expect(app.text.contains("Try again with zanzibar timestamps"), "\(app.text)")
    try app.press(.escape, .character("q"), .character("S"))
    try app.type("zanzibar")
    #expect(app.state.finder.hits.map(\.sessionID) == [id, id], "\(app.state.finder.hits.map(\.snippet))")
  }

  @Test("a rollout that appears is listed on top; one that goes is dropped")
  func rolloutsAppearAndGo() throws {
    var app = try AppHarness.withNativeStores(size, fixtures: fixtures)
    let count = app.state.summaries.count
    let id = "019fc8be-3658-7ca3-9e29-0000000000aa"
    let path = fixtures.home + "/.codex/sessions/2026/11/22/rollout-2026-11-22T05-59-00-\(id).jsonl"
    fixtures.write(path, lines: Self.rollout(id, prompt: "Add the invoice export"))
    try app.send(.filesChanged(SessionChange(nativeFiles: [path])))
    #expect(app.state.summaries.count == count + 1)
    #expect(app.state.summary(id)?.origin == .codex)
    #expect(app.text.contains("Add the invoice export"), "\(app.text)")
    try FileManager.default.removeItem(atPath: fixtures.codexOldPath)
    try app.send(.filesChanged(SessionChange(nativeFiles: [fixtures.codexOldPath])))
    #expect(app.state.summary(NativeFixtures.codexOld) == nil)
    #expect(app.state.summaries.count == count)
  }

  @Test("a rollout that a caw session records is shown once, as that session, whichever is written first")
  func recordsOfCawSessionsAreFolded() throws {
    var app = try AppHarness.withNativeStores(size, fixtures: fixtures)
    let data = fixtures.tree.path + "/caw_data"
    func cawSession(_ id: String, thread: String) throws {
      let t = Trajectory(
        agent: "codex", model: "gpt-5.3-codex", sessionID: id, createdAt: "2026-11-22T05:58:00+00:00",
        completedAt: "2026-11-22T05:59:00+00:00", turns: [Turn(input: "Ship it", output: [.text("Shipped.")])],
        metadata: ["thread_id": .string(thread)])
      var store = try SessionStore(dataDirectory: data, sessionID: id)
      try store.writeMetadata(t)
      try store.appendTurn(t.turns[0], trajectory: t, rawOutput: "")
    }
    // The caw session first, then its rollout: the rollout never gets a row.
    let first = "019fc8be-3658-7ca3-9e29-0000000000b1"
    try cawSession("5e551011-0000-4000-8000-0000000000b1", thread: first)
    try app.send(.filesChanged(SessionChange(sessionIDs: ["5e551011-0000-4000-8000-0000000000b1"])))
    let count = app.state.summaries.count
    let firstPath = fixtures.home + "/.codex/sessions/2026/11/22/rollout-2026-11-22T05-58-00-\(first).jsonl"
    fixtures.write(firstPath, lines: Self.rollout(first, prompt: "Ship it"))
    try app.send(.filesChanged(SessionChange(nativeFiles: [firstPath])))
    #expect(app.state.summary(first) == nil)
    #expect(app.state.summaries.count == count)
    // The rollout first (listed), then the caw session that records it: the caw row replaces it.
    let second = "019fc8be-3658-7ca3-9e29-0000000000b2"
    let secondPath = fixtures.home + "/.codex/sessions/2026/11/22/rollout-2026-11-22T05-58-30-\(second).jsonl"
    fixtures.write(secondPath, lines: Self.rollout(second, prompt: "Ship it again"))
    try app.send(.filesChanged(SessionChange(nativeFiles: [secondPath])))
    #expect(app.state.summary(second)?.origin == .codex)
    try cawSession("5e551011-0000-4000-8000-0000000000b2", thread: second)
    try app.send(.filesChanged(SessionChange(sessionIDs: ["5e551011-0000-4000-8000-0000000000b2"])))
    #expect(app.state.summary(second) == nil)
    #expect(app.state.summary("5e551011-0000-4000-8000-0000000000b2")?.origin == .caw)
    #expect(app.state.summaries.count == count + 1)
  }

  @Test("a native session imported under its own id (r on it) is the caw session from then on, in the list and when read")
  func importedRecordBecomesTheCawSession() throws {
    var app = try AppHarness.withNativeStores(size, fixtures: fixtures)
    let id = NativeFixtures.claudeV20
    try app.select(id)
    #expect(app.state.summary(id)?.origin == .claude)
    let t = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5-20250929", sessionID: id, createdAt: "2025-10-24T20:50:00+00:00",
      completedAt: "2025-10-24T20:53:00+00:00", turns: [Turn(input: "Imported and resumed", output: [.text("Done.")])],
      metadata: ["claude_session_id": .string(id)])
    var store = try SessionStore(dataDirectory: fixtures.tree.path + "/caw_data", sessionID: id)
    try store.writeMetadata(t)
    try store.appendTurn(t.turns[0], trajectory: t, rawOutput: "")
    try app.send(.filesChanged(SessionChange(sessionIDs: [id])))
    #expect(app.state.summary(id)?.origin == .caw)
    #expect(app.state.summaries.filter { $0.id == id }.count == 1)
    #expect(app.state.trajectories[id]?.turns.first?.input == "Imported and resumed")
    try app.send(.filesChanged(SessionChange(nativeFiles: [fixtures.claudeDirectory + "/\(id).jsonl"])))
    #expect(app.state.summary(id)?.origin == .caw)
    #expect(app.state.trajectories[id]?.turns.first?.input == "Imported and resumed")
  }

  @Test("a caw session whose codex rollout is folded in shows the command output caw recorded empty, marked as the rollout's")
  func linkedRecordFillsEmptyOutputs() throws {
    let id = "5e551011-0000-4000-8000-00000000c0de"
    var app = try AppHarness.withNativeStores(size, fixtures: fixtures) { data in
      let t = Trajectory(
        agent: "codex", model: "gpt-5.3-codex", sessionID: id, createdAt: "2026-08-03T10:48:55+00:00",
        completedAt: "2026-08-03T10:49:07+00:00",
        turns: [
          Turn(
            input: "Run the tests and fix the failure",
            output: [
              .toolUse(ToolUse(id: "item_1", name: "command_execution", arguments: ["command": "bash -lc 'pytest -q'"], output: "")),
              .text("Shipping was missing from the total; fixed."),
            ])
        ], metadata: ["thread_id": .string(NativeFixtures.codexNew)])
      var store = try SessionStore(dataDirectory: data, sessionID: id)
      try store.writeMetadata(t)
      try store.appendTurn(t.turns[0], trajectory: t, rawOutput: "")
    }
    // Folded: the rollout has no row of its own.
    #expect(app.state.summary(NativeFixtures.codexNew) == nil)
    try app.select(id)
    let linked = try #require(app.state.nativeAdditions[id])
    #expect(linked.origin == .codex && linked.additions.outputs.count == 1)
    #expect(app.text.contains("+1 output from codex's record"), "\(app.text)")
    let call = try #require(app.state.trajectories[id]?.turns.first?.toolCalls.first)
    #expect(call.output.contains("FAILED tests/test_cart.py::test_total") && call.isError)
    try app.press(.enter, .enter)
    try app.press(.character("}"), .enter)
    #expect(app.text.contains("from codex's own record: caw recorded no output"), "\(app.text)")
    #expect(app.text.contains("FAILED tests/test_cart.py::test_total"), "\(app.text)")
  }
}
