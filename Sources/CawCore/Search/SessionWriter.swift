import Foundation
import GRDB
import GRDBSQLite

/// Writes one session's blocks into ``SQLiteSearchIndex`` inside a savepoint: blocks whose place and
/// text are unchanged stay as they are, the others are replaced, and blocks past the new end removed.
struct SessionWriter {
  let db: Database
  let id: String
  let known: SQLiteSearchIndex.Known?
  /// The session's key (valid after ``begin(time:)``).
  private(set) var key: Int64 = 0
  /// What the index holds of the session's blocks under `key`: hash and location by number.
  private var old: [Int64: (hash: Int64, location: String)] = [:]
  private var count: Int64 = 0

  init(db: Database, id: String, known: SQLiteSearchIndex.Known?) {
    self.db = db
    self.id = id
    self.known = known
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
    // Bound and stepped through SQLite's own calls: GRDB's argument arrays cost more than the insert of
    // a small block.
    let row = rowID(number)
    let block = try db.cachedStatement(sql: "INSERT INTO blocks(id, kind, location, hash, name, arguments, body) VALUES (?, ?, ?, ?, ?, ?, ?)")
    try run(block) { s in
      sqlite3_bind_int64(s, 1, row)
      sqlite3_bind_int64(s, 2, Int64(unit.kind))
      Self.bind(unit.location, to: s, at: 3)
      sqlite3_bind_int64(s, 4, unit.hash)
      Self.bind(unit.name, to: s, at: 5)
      Self.bind(unit.packedArguments, to: s, at: 6)
      Self.bind(unit.packedBody, to: s, at: 7)
    }
    let text = try db.cachedStatement(sql: "INSERT INTO block_index(rowid, name, arguments, body) VALUES (?, ?, ?, ?)")
    try run(text) { s in
      sqlite3_bind_int64(s, 1, row)
      Self.bind(unit.name, to: s, at: 2)
      Self.bind(unit.arguments, to: s, at: 3)
      Self.bind(unit.body, to: s, at: 4)
    }
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

  private static func bind(_ data: Data, to s: OpaquePointer, at index: Int32) {
    _ = data.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), transient) }
  }

  /// Removes the blocks past the last one added and records the session's facts and stamps.
  func finish(_ facts: IndexedSession, stamps: [Int64]?) throws {
    if !old.isEmpty { try Self.deleteBlocks(db, in: rowID(count)...SessionKey.rowIDs(of: key).upperBound) }
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

  /// Removes a session and its blocks.
  static func remove(_ db: Database, key: Int64) throws {
    try deleteBlocks(db, in: SessionKey.rowIDs(of: key))
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
          SELECT 'delete', id, name, caw_unpack(arguments), caw_unpack(body) FROM blocks WHERE id BETWEEN ? AND ?
        """, arguments: [range.lowerBound, range.upperBound])
    try db.execute(sql: "DELETE FROM blocks WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
  }
}
