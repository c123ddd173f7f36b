import Foundation
import GRDB
import GRDBSQLite

/// Writes one session's blocks into ``SQLiteSearchIndex`` inside a savepoint: blocks whose place and
/// text are unchanged stay as they are, the others are replaced, and blocks past the new end removed.
/// The text of new and changed blocks goes into new chunks of the session's text (``TextPacking``); a
/// chunk no block refers to any more is removed at the end.
struct SessionWriter {
  let db: Database
  let id: String
  let known: SQLiteSearchIndex.Known?
  /// Where the session's packed chunks go once its blocks are written.
  let chunks: ChunkQueue
  /// The session's key (valid after ``begin(time:)``).
  private(set) var key: Int64 = 0
  /// What the index holds of the session's blocks under `key`: hash and location by number.
  private var old: [Int64: (hash: Int64, location: String)] = [:]
  private var count: Int64 = 0
  /// The number of the chunk being gathered, and its bytes so far.
  private var chunk: Int64 = 0
  private var gathered: [UInt8] = []
  /// Chunks being packed, handed to `chunks` when the session is written.
  private var packing: [PackingChunk] = []

  init(db: Database, id: String, known: SQLiteSearchIndex.Known?, chunks: ChunkQueue) {
    self.db = db
    self.id = id
    self.known = known
    self.chunks = chunks
  }

  /// Chooses the key for a session started at `time` (keeping the old one when it fits) and reads what
  /// is stored under it.
  mutating func begin(time: Double) throws {
    if let known, SessionKey.matches(known.key, time: time) {
      key = known.key
      let range = SessionKey.rowIDs(of: key)
      for row in try Row.fetchAll(db, sql: "SELECT id, hash, location FROM blocks WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound]) {
        old[(row[0] as Int64) - range.lowerBound] = (row[1], row[2])
      }
      // New text goes into chunks after the session's existing ones.
      let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM texts WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
      chunk = last.map { $0 - range.lowerBound + 1 } ?? 0
      return
    }
    if let known {
      // Started at another time than when it was indexed: its blocks move to a new key.
      try Self.remove(db, key: known.key)
    }
    var candidate = SessionKey.first(for: time)
    let used = Set(
      try Int64.fetchAll(
        db, sql: "SELECT key FROM sessions WHERE key BETWEEN ? AND ?",
        arguments: [candidate, candidate + SessionKey.perSecond - 1]))
    // More than 128 sessions in one second spill into the next keys (their order is then approximate).
    while try used.contains(candidate) || Int64.fetchOne(db, sql: "SELECT 1 FROM sessions WHERE key = ?", arguments: [candidate]) != nil {
      candidate += 1
    }
    key = candidate
  }

  /// Adds the session's next block.
  mutating func add(_ unit: IndexedUnit) throws {
    try add(PreparedUnit(unit))
  }

  /// Adds the session's next block, packed and hashed already.
  mutating func add(_ unit: PreparedUnit) throws {
    guard count < (1 << SearchIndexSchema.blockBits) else { return }  // 16 million blocks; the rest are not indexed
    let number = count
    count += 1
    if let previous = old.removeValue(forKey: number) {
      if previous.hash == unit.hash && previous.location == unit.location { return }
      try Self.deleteBlocks(db, in: rowID(number)...rowID(number))
    }
    guard chunk < (1 << SearchIndexSchema.blockBits) else { throw CawError(.io, "search index: session \(id) has too many text chunks") }
    let argumentsAt = gathered.count
    gathered.append(contentsOf: unit.arguments.utf8)
    let bodyAt = gathered.count
    gathered.append(contentsOf: unit.body.utf8)
    // Bound and stepped through SQLite's own calls: GRDB's argument arrays cost more than the insert of
    // a small block.
    let row = rowID(number)
    let chunkRow = rowID(chunk)
    let block = try db.cachedStatement(
      sql: """
        INSERT INTO blocks(id, kind, location, hash, name, chunk, arguments_at, arguments_length, body_at, body_length)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    try run(block) { s in
      sqlite3_bind_int64(s, 1, row)
      sqlite3_bind_int64(s, 2, Int64(unit.kind))
      Self.bind(unit.location, to: s, at: 3)
      sqlite3_bind_int64(s, 4, unit.hash)
      Self.bind(unit.name, to: s, at: 5)
      sqlite3_bind_int64(s, 6, chunkRow)
      sqlite3_bind_int64(s, 7, Int64(argumentsAt))
      sqlite3_bind_int64(s, 8, Int64(bodyAt - argumentsAt))
      sqlite3_bind_int64(s, 9, Int64(bodyAt))
      sqlite3_bind_int64(s, 10, Int64(gathered.count - bodyAt))
    }
    let text = try db.cachedStatement(sql: "INSERT INTO block_index(rowid, name, arguments, body) VALUES (?, ?, ?, ?)")
    try run(text) { s in
      sqlite3_bind_int64(s, 1, row)
      Self.bind(unit.name, to: s, at: 2)
      Self.bind(unit.arguments, to: s, at: 3)
      Self.bind(unit.body, to: s, at: 4)
    }
    if gathered.count >= TextPacking.chunkSize { try flush() }
  }

  /// Hands the chunk gathered so far to be packed and starts the next one.
  private mutating func flush() throws {
    guard !gathered.isEmpty else { return }
    packing.append(chunks.pack(row: rowID(chunk), gathered))
    gathered.removeAll(keepingCapacity: true)
    chunk += 1
  }

  /// Resets `statement`, binds its values with `bind` and runs it.
  private func run(_ statement: Statement, bind: (OpaquePointer) -> Void) throws {
    let s = statement.sqliteStatement
    sqlite3_reset(s)
    bind(s)
    let code = sqlite3_step(s)
    sqlite3_reset(s)
    sqlite3_clear_bindings(s)
    guard code == SQLITE_DONE else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
  }

  /// SQLite's "copy the value now" destructor.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private static func bind(_ text: String, to s: OpaquePointer, at index: Int32) {
    var text = text
    _ = text.withUTF8 { sqlite3_bind_text(s, index, UnsafeRawPointer($0.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self), Int32($0.count), transient) }
  }

  /// Writes the last chunk, removes the blocks past the last one added and the chunks no block refers to,
  /// and records the session's facts and stamps.
  mutating func finish(_ facts: IndexedSession, stamps: [Int64]?) throws {
    try flush()
    try chunks.adopt(packing, db)
    packing = []
    let range = SessionKey.rowIDs(of: key)
    if !old.isEmpty { try Self.deleteBlocks(db, in: rowID(count)...range.upperBound) }
    if known != nil {
      try db.execute(
        sql: """
          DELETE FROM texts WHERE id BETWEEN ?1 AND ?2
            AND id NOT IN (SELECT chunk FROM blocks WHERE id BETWEEN ?1 AND ?2)
          """, arguments: [range.lowerBound, range.upperBound])
    }
    try db.execute(
      sql: """
        INSERT OR REPLACE INTO sessions(key, id, origin, stamps, agent, model, status, created_at, time, cwd, project, blocks)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        key, id, facts.origin.rawValue, stamps.map(SQLiteSearchIndex.stampData), facts.agent, facts.model, facts.status.rawValue,
        facts.createdAt, facts.time, facts.workingDirectory, facts.workingDirectory.map(IndexedSession.projectName), count,
      ])
  }

  /// Removes a session, its blocks and its text.
  static func remove(_ db: Database, key: Int64) throws {
    let range = SessionKey.rowIDs(of: key)
    try deleteBlocks(db, in: range)
    try db.execute(sql: "DELETE FROM texts WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
    try db.execute(sql: "DELETE FROM sessions WHERE key = ?", arguments: [key])
  }

  private func rowID(_ number: Int64) -> Int64 {
    key << SearchIndexSchema.blockBits | number
  }

  /// Removes the blocks with rowids in `range` from the full-text index (which reads their old text
  /// through `block_text`) and from the table.
  private static func deleteBlocks(_ db: Database, in range: ClosedRange<Int64>) throws {
    try db.execute(
      sql: """
        INSERT INTO block_index(block_index, rowid, name, arguments, body)
          SELECT 'delete', id, name, arguments, body FROM block_text WHERE id BETWEEN ? AND ?
        """, arguments: [range.lowerBound, range.upperBound])
    try db.execute(sql: "DELETE FROM blocks WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
  }
}
