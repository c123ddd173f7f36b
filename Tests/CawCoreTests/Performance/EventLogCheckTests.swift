import Foundation
import TestSupport
import Testing

@testable import CawCore

/// The check of `traj.jsonl` beside a whole `trajectory.json` (``EventLogReplay/check(_:)``) answers for
/// ordinary logs, and whenever it answers, the replay would have noted no problem and counts the same.
@Suite struct EventLogCheckTests {
  @Test(
    "on trees of two shapes and two seeds, the check answers for every log and counts as the replay does",
    arguments: [
      (SyntheticShape.standard, UInt64(3)), (.standard, 11), (.dense, 3), (.dense, 11),
    ])
  func agreesOnGeneratedTrees(shape: SyntheticShape, seed: UInt64) throws {
    let tree = TempTree("caw-log-check")
    var synthetic = SyntheticTree(sessionCount: 30, largeSessionMegabytes: 0, seed: seed)
    synthetic.shape = shape
    let ids = try synthetic.write(to: tree.path)
    var answered = 0
    for id in ids {
      let path = tree.path + "/sessions/\(id)/traj.jsonl"
      guard FileManager.default.fileExists(atPath: path) else { continue }
      let replay = try EventLogReplay.read(path, skimmingContent: true).replay
      guard let checked = try EventLogReplay.check(path)?.replay else { continue }
      answered += 1
      Self.expectSame(checked, replay, "session \(id)")
    }
    #expect(answered == ids.count, "answered \(answered) of \(ids.count) logs")
  }

  @Test("a log with subagent lines, a subagent trajectory and an MCP server is checked, and counted alike")
  func agreesOnARichLog() throws {
    let tree = TempTree("caw-log-check-rich")
    let path = try Self.richLog(in: tree)
    let replay = try EventLogReplay.read(path, skimmingContent: true).replay
    let checked = try #require(try EventLogReplay.check(path)?.replay)
    Self.expectSame(checked, replay, "the rich log")
    #expect(checked.subagentLines > 0 && checked.parentTurnEnds == 2 && checked.metadataLines == 1)
  }

  @Test(
    "a line the replay notes a problem on is left to the replay",
    arguments: [
      ("\"type\": \"turn_end\"", "\"type\": \"turn_done\""), ("\"is_error\": true", "\"is_error\": 1"),
      ("\"input_tokens\": 100", "\"input_tokens\": 100.5"), ("\"message\": \"more\"", "\"message\": null"),
      ("\"agent\": \"codex\"", "\"agent\": 7"), ("\"type\": \"metadata\"", "\"type\": \"metadata\", \"type\": \"user\""),
      ("\"text\": \"done\"", "\"text\": [\"done\"]"), ("\"name\": \"Bash\"", "\"name\": {}"),
      ("\"duration_ms\": 1200", "\"duration_ms\": \"1200\""), ("\"type\"", "\"\\u0074ype\""),
      ("{\"type\": \"user\"", "[{\"type\": \"user\""), ("\"subagent_trajectory\": {", "\"subagent_trajectory\": [{"),
    ])
  func leavesProblemsToTheReplay(find: String, replace: String) throws {
    let tree = TempTree("caw-log-check-irregular")
    let path = try Self.richLog(in: tree)
    let good = try String(contentsOfFile: path, encoding: .utf8)
    #expect(good.contains(find), "the log holds \(find)")
    var damaged = good
    // The last one: the parent's line (a subagent's lines come first, and the replay does not read them).
    if let range = damaged.range(of: find, options: .backwards) { damaged.replaceSubrange(range, with: replace) }
    try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try EventLogReplay.check(path) == nil)
  }

  @Test("a log whose turn has no user line, or no metadata line, is left to the replay")
  func leavesOrderToTheReplay() throws {
    let tree = TempTree("caw-log-check-order")
    let path = tree.path + "/traj.jsonl"
    try Data("{\"type\": \"text\", \"text\": \"early\"}\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try EventLogReplay.check(path) == nil)
    #expect(!(try EventLogReplay.read(path).replay.problems.isEmpty))
    try Data("{\"type\": \"user\", \"message\": \"hi\"}\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try EventLogReplay.check(path) == nil)
    #expect(!(try EventLogReplay.read(path).replay.problems.isEmpty))
    try Data("{\"subagent\": \"r\", \"type\": \"text\"}\n\n".utf8).write(to: URL(fileURLWithPath: path))
    let checked = try #require(try EventLogReplay.check(path)?.replay)
    Self.expectSame(checked, try EventLogReplay.read(path).replay, "a log of one subagent line")
  }

  @Test("2,000 damaged copies: the check either leaves the log to the replay or agrees with it")
  func damagedCopiesAgree() throws {
    let tree = TempTree("caw-log-check-damaged")
    let path = try Self.richLog(in: tree)
    let good = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var random = SplitMix64(seed: 43)
    var answered = 0
    for _ in 0..<2_000 {
      let bytes = QuickSummaryTests.damaged(good, &random)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      guard let checked = try EventLogReplay.check(path)?.replay else { continue }
      answered += 1
      Self.expectSame(checked, try EventLogReplay.read(path, skimmingContent: true).replay, String(decoding: bytes, as: UTF8.self))
    }
    #expect(answered > 200, "answered \(answered) of 2000")
  }

  @Test("a session read beside its whole trajectory.json reports the same problems and turn ends as before")
  func loadedSessionAgrees() throws {
    let tree = TempTree("caw-log-check-load")
    let path = try Self.richLog(in: tree, session: true)
    let reader = SessionReader(DataDirectory(tree.path))
    let loaded = reader.loadDirectory(named: "s1", skimmingContent: true)
    #expect(loaded.source == .trajectoryFile && loaded.problems.isEmpty)
    #expect(loaded.eventLog?.parentTurnEnds == 2)
    // A damaged line is still reported, by the replay the check hands it to.
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text += "{\"type\": \"turn_end\"\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let damaged = reader.loadDirectory(named: "s1", skimmingContent: true)
    #expect(damaged.problems.map(\.location).contains { $0.hasPrefix("traj.jsonl line") }, "\(damaged.problems)")
  }

  // MARK: - Helpers

  private static func expectSame(_ checked: EventLogReplay, _ replay: EventLogReplay, _ what: String) {
    #expect(replay.problems.isEmpty, "\(what): the replay noted \(replay.problems)")
    let rebuilt = checked.trajectory != nil
    #expect(!rebuilt && checked.problems.isEmpty, "\(what)")
    let counts: [Int] = [checked.lineCount, checked.parentTurnEnds, checked.subagentLines, checked.metadataLines]
    let replayed: [Int] = [replay.lineCount, replay.parentTurnEnds, replay.subagentLines, replay.metadataLines]
    #expect(counts == replayed, "\(what)")
  }

  /// The rich trajectory's `traj.jsonl` (with a subagent's turn logged beside the parent's), written the
  /// way caw writes it; returns its path. With `session`, its `trajectory.json` too, as session `s1`.
  private static func richLog(in tree: TempTree, session: Bool = false) throws -> String {
    let t = QuickSummaryTests.richTrajectory()
    let store = try SessionStore(dataDirectory: tree.path, sessionID: "s1")
    var header = t
    header.turns = []
    try store.writeMetadata(header)
    for (index, turn) in t.turns.enumerated() {
      if index == 0 { try store.appendSubagentTurn(Turn(input: "look", output: [.text("seen")]), index: 0, subagent: "review") }
      try store.appendTurnEvents(turn, index: index)
    }
    if session { try store.saveTrajectory(t) }
    return store.eventLogPath
  }
}
