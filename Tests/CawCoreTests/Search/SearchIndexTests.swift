@testable import CawCore
import Foundation
import OrderedCollections
import GRDB
import Testing
import TestSupport

/// The SQLite index against a brute-force scan of the same tree, after a first build, after every kind
/// of change, while sessions are being written, and after a cancelled build.
@Suite("Search index")
struct SearchIndexTests {
  /// Every hit for `query`, as keys.
  static func hits(_ index: SQLiteSearchIndex, _ query: SearchQuery) throws -> Set<HitKey> {
    Set(try index.search(query, limit: 1_000_000).hits.map(HitKey.init))
  }

  /// Queries built from the tree's own words: words, phrases, prefixes, AND, OR, NOT, and filters.
  static func queries(_ oracle: SearchOracle, seed: UInt64 = 7) throws -> [SearchQuery] {
    var random = SplitMix64(seed: seed)
    let fields = oracle.blocks.flatMap(\.fields).filter { $0.count >= 3 }
    func word() -> String { random.pick(random.pick(fields)) }
    func phrase() -> String {
      let field = random.pick(fields)
      let length = random.int(2...3)
      let start = random.int(0...(field.count - length))
      return "\"" + field[start..<start + length].joined(separator: " ") + "\""
    }
    var texts: [String] = []
    for _ in 0..<12 { texts.append(word()) }
    for _ in 0..<12 { texts.append(phrase()) }
    for _ in 0..<8 {
      let w = word()
      texts.append(String(w.prefix(max(1, w.count - 2))) + "*")
    }
    for _ in 0..<8 {
      let field = random.pick(fields)
      texts.append("\(random.pick(field)) \(random.pick(field))")
    }
    for _ in 0..<6 { texts.append("\(word()) OR \(phrase())") }
    for _ in 0..<8 { texts.append("\(word()) NOT \(word())") }
    for _ in 0..<4 { texts.append("(\(word()) OR \(word())) -\(word())") }
    texts += ["hostilemarker", "abyssal", "\"found at level\"", "weirdmarker", "latecomer", "utf8marker", "reconciliation", "ledger*", "日本語", "\"見出し\"", "翻訳*"]
    var queries = try texts.map { try SearchQuery($0) }
    let common = "the"
    queries += [
      try SearchQuery(common, provider: "codex"),
      try SearchQuery(common, provider: "claude"),
      try SearchQuery(common, model: "SONNET"),
      try SearchQuery(common, status: .unfinished),
      try SearchQuery(common, status: .usageLimited),
      try SearchQuery("ledger", project: "/srv/ledger"),
      try SearchQuery("ledger", project: "/srv"),
      try SearchQuery(common, project: "shop"),
      try SearchQuery("level", project: "deep-project"),
      try SearchQuery(common, dates: DateRange(since: 1_794_990_000)),
      try SearchQuery(common, dates: DateRange(since: 1_794_000_000, before: 1_794_995_000)),
      try SearchQuery(common, provider: "claude_code", dates: DateRange(before: 1_794_998_000), order: .relevance),
    ]
    return queries
  }

  /// Checks every query against the oracle and the FTS index against its content.
  static func expectAgrees(_ index: SQLiteSearchIndex, _ reader: SessionReader, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let oracle = try SearchOracle(reader)
    var compared = 0
    for query in try queries(oracle) {
      let expected = oracle.matches(query)
      let found = try hits(index, query)
      #expect(
        found == expected,
        "\(label): \(query.expression.fts5) — index only: \(found.subtracting(expected).sorted { $0.description < $1.description }.prefix(5)), scan only: \(expected.subtracting(found).sorted { $0.description < $1.description }.prefix(5))",
        sourceLocation: sourceLocation)
      compared += expected.count
    }
    #expect(compared > 500, "\(label): the queries found too little to compare (\(compared))", sourceLocation: sourceLocation)
    try index.pool.write { db in try db.execute(sql: "INSERT INTO block_index(block_index) VALUES('integrity-check')") }
    // Every block's text chunk is there, and no chunk is kept that no block refers to.
    let (missing, orphans) = try index.pool.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM blocks WHERE chunk NOT IN (SELECT id FROM texts)") ?? -1,
        try Int.fetchOne(db, sql: "SELECT count(*) FROM texts WHERE id NOT IN (SELECT chunk FROM blocks)") ?? -1
      )
    }
    #expect(missing == 0 && orphans == 0, "\(label): \(missing) blocks without their chunk, \(orphans) chunks of no block", sourceLocation: sourceLocation)
  }

  @Test("a first build finds exactly what a scan of every block finds")
  func firstBuild() throws {
    let tree = try SearchTestTree()
    let index = try SQLiteSearchIndex(dataDirectory: DataDirectory(tree.data), cacheDirectory: tree.cache)
    let progress = try index.refresh()
    let ids = try tree.reader.sessionIDs()
    #expect(progress.finished && !progress.cancelled)
    #expect(progress.sessionsIndexed == ids.count && progress.sessionsInTree == ids.count)
    try Self.expectAgrees(index, tree.reader, "first build")
    // Nothing changed: nothing is read again.
    #expect(try index.refresh().sessionsToIndex == 0)
  }

  @Test("hits say where they are: turn, subagent path, field, offset, line, and a safe snippet")
  func hitDetails() throws {
    let tree = try SearchTestTree(sessions: 3, largeMB: 0)
    let index = try SQLiteSearchIndex(dataDirectory: DataDirectory(tree.data), cacheDirectory: tree.cache)
    try index.refresh()

    let deep = try index.search(SearchQuery("abyssal found level 3"))
    let hit = try #require(deep.hits.first)
    #expect(deep.hits.count == 1)
    #expect(hit.sessionID == "edge-deep" && hit.turn == 0 && hit.block == 1 && hit.depth == 3)
    #expect(hit.location == [.init(turn: 0, block: 1), .init(turn: 0, block: 1), .init(turn: 0, block: 1), .init(turn: 0, block: 1)])
    #expect(hit.kind == .text && hit.field == .text && hit.matchedText.lowercased() == "abyssal")
    #expect(hit.session.workingDirectory == "/home/dev/deep-project")

    let hostile = try #require(try index.search(SearchQuery("hostilemarker")).hits.first)
    #expect(!hostile.snippet.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) })
    #expect(hostile.snippet.contains("␛]0;pwned") && hostile.snippet.contains("hostilemarker"))
    let highlighted = hostile.highlights.map { String(Array(hostile.snippet)[$0]) }
    #expect(highlighted == ["hostilemarker"])

    let output = try #require(try index.search(SearchQuery("\"reconciliation pending\"")).hits.first { $0.sessionID == "edge-hostile" })
    #expect(output.kind == .toolCall && output.toolName == "command_execution" && output.field == .output)
    let text = "date,amount\n2026-11-01,12.50\nreconciliation pending"
    #expect(output.offset == text.utf8.count - "reconciliation pending".utf8.count && output.line == 2)
    #expect(output.matchedText == "reconciliation pending")

    let arguments = try #require(try index.search(SearchQuery("ledger.csv")).hits.first { $0.sessionID == "edge-hostile" })
    #expect(arguments.field == .arguments && arguments.snippet.contains("command: cat ledger.csv"))
    let japanese = try #require(try index.search(SearchQuery("日本語")).hits.first { $0.kind == .prompt })
    #expect(japanese.matchedText == "日本語" && japanese.snippet.hasPrefix("README を日本語に翻訳して"))
    let prompt = try #require(try index.search(SearchQuery("\"Explain the ledger\"")).hits.first { $0.sessionID == "edge-hostile" })
    #expect(prompt.kind == .prompt && prompt.block == nil && prompt.innermost == .init(turn: 0, block: -1))
  }

  @Test("after every kind of change the index still agrees with a scan")
  func changes() throws {
    let tree = try SearchTestTree(sessions: 20)
    let index = try SQLiteSearchIndex(dataDirectory: DataDirectory(tree.data), cacheDirectory: tree.cache)
    try index.refresh()
    let ids = try tree.reader.sessionIDs().filter { !$0.hasPrefix("edge-") && $0 != SyntheticTree.largeSessionID }

    // A new turn in one session, a tool output changed in place in another (same number of blocks).
    var store = try SessionStore(dataDirectory: tree.data, sessionID: ids[0], resume: true)
    var first = try #require(tree.reader.load(ids[0]).trajectory)
    first.turns.append(Turn(input: "appended turn about zeppelins", output: [.text("Zeppelins noted.")]))
    try store.appendTurn(first.turns.last!, trajectory: first, rawOutput: "")
    var second = try #require(tree.reader.load(ids[1]).trajectory)
    if let b = second.turns[0].output.firstIndex(where: { $0.toolUse != nil }), var call = second.turns[0].output[b].toolUse {
      call.output = "rewritten output mentions quokkas"
      second.turns[0].output[b] = .toolUse(call)
    } else {
      second.turns[0].output.insert(.text("rewritten text mentions quokkas"), at: 0)
    }
    try SessionStore(dataDirectory: tree.data, sessionID: ids[1]).saveTrajectory(second)
    // Turns dropped, a session removed, a new one added, a torn file repaired, a start time changed.
    var third = try #require(tree.reader.load(ids[2]).trajectory)
    third.turns = Array(third.turns.prefix(1))
    try SessionStore(dataDirectory: tree.data, sessionID: ids[2]).saveTrajectory(third)
    try FileManager.default.removeItem(atPath: tree.data + "/sessions/" + ids[3])
    try tree.record(SearchTestTree.nested(id: "added-later", depth: 2, word: "zeppelins"), snapshot: true)
    var late = try #require(tree.reader.load("edge-torn").trajectory)
    late.createdAt = "2026-11-25T12:00:00+00:00"
    try SessionStore(dataDirectory: tree.data, sessionID: "edge-torn").saveTrajectory(late)

    let progress = try index.refresh()
    #expect(progress.sessionsToIndex == 5 && progress.sessionsRemoved == 1)
    try Self.expectAgrees(index, tree.reader, "after changes")
    #expect(try Self.hits(index, SearchQuery("zeppelins")).count == 8)  // 2 in the new turn, 6 in three levels
    #expect(try Self.hits(index, SearchQuery("quokkas")).count == 1)

    // update(sessions:) for a watcher's report, including a session that is gone.
    first.turns.append(Turn(input: "one more about narwhals"))
    try store.appendTurn(first.turns.last!, trajectory: first, rawOutput: "")
    try FileManager.default.removeItem(atPath: tree.data + "/sessions/" + ids[4])
    let updated = try index.update(sessions: [ids[0], ids[4], "../escape"])
    #expect(updated.sessionsIndexed == 1 && updated.sessionsRemoved == 1)
    try Self.expectAgrees(index, tree.reader, "after update(sessions:)")
  }

  @Test("sessions written while the index is built: searches keep answering, and a last refresh agrees with a scan")
  func writtenWhileIndexing() throws {
    let tree = try SearchTestTree(sessions: 25)
    let index = try SQLiteSearchIndex(dataDirectory: DataDirectory(tree.data), cacheDirectory: tree.cache)
    let ids = try tree.reader.sessionIDs().filter { !$0.hasPrefix("edge-") }.prefix(6).map { $0 }
    let data = tree.data
    let writer = Thread {
      // Turns appended (atomic replace, as caw-tui writes), and caw's truncate-then-write done slowly.
      for round in 0..<12 {
        for id in ids {
          guard var t = SessionReader(DataDirectory(data)).loadDirectory(named: id).trajectory,
            var store = try? SessionStore(dataDirectory: data, sessionID: id, resume: true)
          else { continue }
          t.turns.append(Turn(input: "round \(round) for \(id.prefix(4)) mentions walruses", output: [.text("walrus count \(round)")]))
          if round % 2 == 0 {
            try? store.appendTurn(t.turns.last!, trajectory: t, rawOutput: "")
          } else {
            let bytes = t.trajectoryFileBytes()
            let handle = FileHandle(forWritingAtPath: data + "/sessions/\(id)/trajectory.json")!
            handle.truncateFile(atOffset: 0)
            handle.write(Data(bytes.prefix(bytes.count / 2)))
            usleep(2_000)
            handle.write(Data(bytes.dropFirst(bytes.count / 2)))
            try? handle.close()
          }
        }
      }
    }
    writer.start()
    var refreshes = 0
    while !writer.isFinished || refreshes < 2 {
      try index.refresh()
      _ = try index.search(SearchQuery("walruses"))
      refreshes += 1
    }
    try index.refresh()
    try Self.expectAgrees(index, tree.reader, "after concurrent writes")
  }

  @Test("a cancelled build keeps what it indexed and the next refresh completes it")
  func cancelled() throws {
    let tree = try SearchTestTree(sessions: 30, largeMB: 2)
    let index = try SQLiteSearchIndex(dataDirectory: DataDirectory(tree.data), cacheDirectory: tree.cache)
    var calls = 0
    let stopped = try index.refresh(progress: { _ in calls += 1 }, isCancelled: { calls > 10 })
    #expect(stopped.cancelled && stopped.sessionsIndexed < stopped.sessionsToIndex)
    #expect(try index.status().sessions == stopped.sessionsIndexed)
    let rest = try index.refresh()
    #expect(!rest.cancelled && rest.sessionsToIndex == stopped.sessionsToIndex - stopped.sessionsIndexed)
    try Self.expectAgrees(index, tree.reader, "after a cancelled build")
  }

  @Test("the index file: in the cache directory, never inside the data directory, rebuilt when damaged")
  func indexFile() throws {
    let tree = try SearchTestTree(sessions: 2, largeMB: 0)
    let data = DataDirectory(tree.data)
    #expect(throws: CawError.self) { try SQLiteSearchIndex(dataDirectory: data, cacheDirectory: tree.data + "/cache") }
    let index = try SQLiteSearchIndex(dataDirectory: data, cacheDirectory: tree.cache)
    try index.refresh()
    #expect(index.file.hasPrefix(tree.cache + "/search-") && index.file.hasSuffix(".sqlite"))
    let status = try index.status()
    #expect(status.sessions == (try tree.reader.sessionIDs()).count && status.blocks > 20 && status.bytesOnDisk > 0)

    // Garbage instead of a database, then an index of another version: both are started again.
    let file = index.file
    for suffix in ["", "-wal", "-shm"] { unlink(file + suffix) }
    try Data("not a database, only some text that goes on long enough".utf8).write(to: URL(fileURLWithPath: file))
    let rebuilt = try SQLiteSearchIndex(dataDirectory: data, cacheDirectory: tree.cache)
    #expect(try rebuilt.refresh().sessionsIndexed == status.sessions)
    try rebuilt.pool.write { db in try db.execute(sql: "PRAGMA user_version = 999") }
    let again = try SQLiteSearchIndex(dataDirectory: data, cacheDirectory: tree.cache)
    #expect(try again.status().sessions == 0)
  }
}
