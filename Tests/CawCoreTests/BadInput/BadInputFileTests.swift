import CawCore
import Foundation
import Testing

/// Damaged file contents: torn, empty, not UTF-8, huge.
@Suite("BadInput: damaged files")
struct BadInputFileTests {
  /// The usage of `CawFixture`'s first two turns summed.
  static let twoTurnUsage = UsageStats(
    inputTokens: 30, outputTokens: 100, cacheReadTokens: 2000, cacheWriteTokens: 1000, costUSD: .double(0.0246))

  @Test("a torn trajectory.json beside a valid traj.jsonl is read from traj.jsonl; alone it is broken as torn")
  func tornTrajectory() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let full = Array(CawFixture.trajectoryFile("torn-with-log", turns: 2, completedAt: CawFixture.completedAt).utf8)
    let half = Array(full.prefix(full.count / 2))
    try tree.write(session: "torn-with-log", "trajectory.json", half)
    try tree.write(session: "torn-with-log", "traj.jsonl", CawFixture.eventLog("torn-with-log", turns: 2))
    try tree.write(session: "torn-alone", "trajectory.json", half)

    let (summaries, withLog, alone) = try tree.unchanged {
      (
        try tree.reader.listSessions(), tree.reader.loadDirectory(named: "torn-with-log"),
        tree.reader.loadDirectory(named: "torn-alone")
      )
    }
    let listed = try #require(summaries.first { $0.id == "torn-with-log" })
    #expect(listed.status == .unfinished)
    #expect(listed.source == .eventLog)
    #expect(listed.turnCount == 2)
    #expect(listed.totalUsage == Self.twoTurnUsage)
    #expect(listed.durationMS == 10246)

    let trajectory = try #require(withLog.trajectory)
    #expect(trajectory.turns.map(\.input) == ["Turn 0", "Turn 1"])
    #expect(trajectory.turns.map(\.output.count) == [3, 3])
    #expect(trajectory.turns[1].toolCalls.first?.output == "a.py\nb.py")
    #expect(trajectory.usage == Self.twoTurnUsage)
    #expect(withLog.problems.count == 1)
    let problem = try #require(withLog.problems.first)
    #expect(problem.message.hasPrefix("trajectory.json is torn (unexpected end of input at line "))
    #expect(problem.message.hasSuffix("; read traj.jsonl instead"))

    #expect(alone.status == .broken)
    #expect(alone.trajectory == nil)
    #expect(alone.brokenReason?.hasPrefix("trajectory.json is torn (unexpected end of input") == true)
  }

  /// caw rewrites trajectory.json in place (truncate, then write), so a reader can meet any prefix of it.
  @Test("every prefix of trajectory.json a reader can catch mid-write is reported as torn")
  func everyPrefixIsTorn() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let full = Array(CawFixture.trajectoryFile("prefixes", turns: 1).utf8)
    var misread: [String] = []
    for cut in 1..<(full.count - 1) {  // dropping only the final "\n" leaves a complete document
      do throws(JSONParseError) {
        _ = try Trajectory.read(full.prefix(cut))
        misread.append("cut at \(cut): parsed")
      } catch let error where !error.isTruncation {
        let tail = String(decoding: full[max(0, cut - 24)..<cut], as: UTF8.self)
        misread.append("cut after …\(tail.debugDescription): \(error.reason)")
      } catch {}
    }
    #expect(misread.isEmpty, "\(misread.count) prefixes not reported as torn: \(misread.prefix(6))")
    // Through the reader, such a prefix alone makes the session broken as torn.
    let cut = try #require(full.firstRange(of: Array("\"cost_usd\": 0.".utf8))).upperBound
    try tree.write(session: "cut-in-number", "trajectory.json", Array(full.prefix(cut)))
    let session = try tree.unchanged { tree.reader.loadDirectory(named: "cut-in-number") }
    #expect(session.status == .broken)
    #expect(session.brokenReason?.contains("torn") == true, "\(session.brokenReason ?? "nil")")
  }

  @Test("empty files are broken with reasons naming both; an empty directory is broken as having neither")
  func emptyFiles() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try tree.write(session: "empty-files", "trajectory.json", "")
    try tree.write(session: "empty-files", "traj.jsonl", "")
    try tree.makeDirectory(BadInputTree.session("empty-dir"))

    let summaries = try tree.unchanged { try tree.reader.listSessions() }
    #expect(summaries.map(\.id).sorted() == ["empty-dir", "empty-files"])
    let files = try #require(summaries.first { $0.id == "empty-files" })
    #expect(files.status == .broken)
    #expect(files.brokenReason == "trajectory.json is empty; traj.jsonl is empty")
    #expect(files.turnCount == 0)
    let directory = try #require(summaries.first { $0.id == "empty-dir" })
    #expect(directory.status == .broken)
    #expect(directory.brokenReason == "no trajectory.json or traj.jsonl")
  }

  @Test("bytes that are not UTF-8 inside strings are read as U+FFFD and reported")
  func invalidUTF8() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let id = "bad-utf8"
    // "caf@@" has no escape (the parser's fast path); the text has "\n" (its escape path).
    let output: [PyJSON] = [["type": "text", "text": "line one\nbad @@ end"]]
    let trajectory = CawFixture.trajectory(
      id, turns: [CawFixture.turn(0, input: "caf@@!", output: output)], count: 1, completedAt: CawFixture.completedAt)
    let log = CawFixture.jsonl(
      [CawFixture.metadataEvent(id)] + CawFixture.turnEvents(0, input: "caf@@!", output: output))
    let bad: [UInt8] = [0xFF, 0xC3, 0x28]  // a byte that never starts UTF-8, then a lead byte cut short by "("
    try tree.write(session: id, "trajectory.json", CawFixture.splice(trajectory.trajectoryFile, "@@", with: bad))
    try tree.write(session: id, "traj.jsonl", CawFixture.splice(log, "@@", with: bad))

    let session = try tree.unchanged { try tree.reader.load(id) }
    #expect(session.status == .finished)
    #expect(session.source == .trajectoryFile)
    let turn = try #require(session.trajectory?.turns.first)
    #expect(turn.input == "caf\u{FFFD}\u{FFFD}(!")
    #expect(turn.output == [.text("line one\nbad \u{FFFD}\u{FFFD}( end")])
    // With trajectory.json the source, the session keeps only the log's problems; the log alone decodes alike.
    #expect(session.eventLog?.trajectory == nil)
    let replayed = EventLogReplay(
      Array(try Data(contentsOf: URL(fileURLWithPath: tree.dataPath + "/sessions/\(id)/traj.jsonl"))))
    #expect(replayed.trajectory?.turns.first?.input == "caf\u{FFFD}\u{FFFD}(!")
    #expect(
      session.problems == [
        ReadProblem(location: "trajectory.json", message: "contains bytes that are not UTF-8; shown as U+FFFD"),
        ReadProblem(location: "traj.jsonl", message: "contains bytes that are not UTF-8; shown as U+FFFD"),
      ])
  }

  @Test("a 50 MB single-line tool output is read whole and the session lists")
  func hugeToolOutput() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let id = "huge-output"
    let size = 50_000_000
    let big = [UInt8](repeating: UInt8(ascii: "x"), count: size)
    let output: [PyJSON] = [CawFixture.toolUse(id: "toolu_big", output: "@@BIG@@"), ["type": "text", "text": "done"]]
    let trajectory = CawFixture.trajectory(
      id, turns: [CawFixture.turn(0, output: output)], count: 1, completedAt: CawFixture.completedAt)
    let log = CawFixture.jsonl([CawFixture.metadataEvent(id)] + CawFixture.turnEvents(0, output: output))
    try tree.write(session: id, "trajectory.json", CawFixture.splice(trajectory.trajectoryFile, "@@BIG@@", with: big))
    try tree.write(session: id, "traj.jsonl", CawFixture.splice(log, "@@BIG@@", with: big))

    let (session, summaries) = try tree.unchanged { (try tree.reader.load(id), try tree.reader.listSessions()) }
    #expect(session.problems.isEmpty, "\(session.problems)")
    #expect(session.source == .trajectoryFile)
    let call = try #require(session.trajectory?.turns.first?.toolCalls.first)
    #expect(call.output.utf8.count == size)
    #expect(call.output.utf8.first == UInt8(ascii: "x") && call.output.utf8.last == UInt8(ascii: "x"))
    #expect(session.trajectory?.turns.first?.result == "done")
    // With trajectory.json whole, the session's replay of traj.jsonl keeps no text; the log read alone does.
    #expect(session.eventLog?.trajectory == nil && session.eventLog?.parentTurnEnds == 1)
    let replayed = EventLogReplay(
      Array(try Data(contentsOf: URL(fileURLWithPath: tree.dataPath + "/sessions/\(id)/traj.jsonl"))))
    #expect(replayed.trajectory?.turns.first?.toolCalls.first?.output.utf8.count == size)
    #expect(session.eventLog?.lineCount == 6)
    #expect(summaries.count == 1)
    #expect(summaries.first?.status == .finished)
    #expect(summaries.first?.toolCallCount == 1)
    #expect(summaries.first?.turnCount == 1)
  }
}
