import Foundation
import GRDB
import Glibc
import Synchronization

/// Bringing the index up to date.
extension SQLiteSearchIndex {
  /// Text (in bytes of `trajectory.json`) indexed per transaction: searches see progress at least this
  /// often, and a cancelled refresh loses at most the session it is in.
  static let batchBytes = 32 << 20
  /// Longest time one transaction is kept open, in seconds.
  static let batchSeconds = 2.0

  /// Thrown inside a session's savepoint when the refresh is cancelled.
  struct Cancelled: Error {}
  /// Thrown inside a session's savepoint when its blocks were numbered under the wrong start time.
  struct Rekey: Error {
    var time: Double
  }

  /// What the index holds of one session: its key and stamps.
  struct Known {
    var key: Int64
    var stamps: [Int64]?
  }

  public func refresh(progress: (IndexProgress) -> Void, isCancelled: () -> Bool) throws(CawError) -> IndexProgress {
    let ids = try reader.sessionIDs()
    return try writing.withLock { _ throws(CawError) in
      let stamps = SessionStamps.all(ids, in: reader.dataDirectory.sessionsPath, workers: ProcessInfo.processInfo.activeProcessorCount)
      return try bringUpToDate(ids: ids, stamps: stamps, removeOthers: true, progress: progress, isCancelled: isCancelled)
    }
  }

  public func update(sessions ids: [String]) throws(CawError) -> IndexProgress {
    let names = ids.filter { (try? SessionID.validate($0)) != nil }
    return try writing.withLock { _ throws(CawError) in
      let directory = open(reader.dataDirectory.sessionsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      defer { if directory >= 0 { close(directory) } }
      var present: [String] = []
      var stamps: [SessionStamps?] = []
      var gone: [String] = []
      for name in names {
        if FileSystem.status(reader.dataDirectory.sessionsPath + "/" + name) == nil {
          gone.append(name)
        } else {
          present.append(name)
          stamps.append(SessionStamps(session: name, in: directory))
        }
      }
      var result = try bringUpToDate(ids: present, stamps: stamps, removeOthers: false, progress: { _ in }, isCancelled: { false })
      result.sessionsRemoved = try remove(gone)
      return result
    }
  }

  /// Indexes the sessions `ids` whose `stamps` differ from the stored ones; with `removeOthers`, forgets
  /// every session not in `ids`.
  private func bringUpToDate(
    ids: [String], stamps: [SessionStamps?], removeOthers: Bool, progress: (IndexProgress) -> Void,
    isCancelled: () -> Bool
  ) throws(CawError) -> IndexProgress {
    let known: [String: Known]
    do {
      known = try pool.read { db in
        var known: [String: Known] = [:]
        // A refresh compares every session; an update only the few it was given.
        let rows =
          removeOthers
          ? try Row.fetchAll(db, sql: "SELECT id, key, stamps FROM sessions")
          : try ids.compactMap { try Row.fetchOne(db, sql: "SELECT id, key, stamps FROM sessions WHERE id = ?", arguments: [$0]) }
        for row in rows {
          known[row[0]] = Known(key: row[1], stamps: (row[2] as Data?).map(Self.stampValues))
        }
        return known
      }
    } catch {
      throw Self.failure("cannot read the search index", error)
    }
    var state = IndexProgress(sessionsInTree: ids.count)
    if removeOthers {
      let present = Set(ids)
      state.sessionsRemoved = try remove(known.keys.filter { !present.contains($0) })
    }
    // Changed sessions, newest first (by their files' modification time), so recent ones are found first.
    var todo = ids.indices.filter { index in
      guard let stamp = stamps[index], let entry = known[ids[index]] else { return true }
      return entry.stamps != stamp.values
    }
    todo.sort { (stamps[$0]?.lastModified ?? 0) > (stamps[$1]?.lastModified ?? 0) }
    state.sessionsToIndex = todo.count
    state.bytesToRead = todo.reduce(0) { $0 + (stamps[$1]?.trajectoryFileSize ?? 0) }
    progress(state)
    let sessionsPath = reader.dataDirectory.sessionsPath
    let ahead = ReadAhead(sessions: todo.map { ("\(sessionsPath)/\(ids[$0])/trajectory.json", stamps[$0]?.lastModified ?? 0) })
    ahead.start()
    defer { ahead.stop() }
    var next = 0
    while next < todo.count && !state.cancelled {
      do {
        try pool.write { db in
          let started = Date()
          var batch = 0
          while next < todo.count && batch < Self.batchBytes && Date().timeIntervalSince(started) < Self.batchSeconds {
            if isCancelled() {
              state.cancelled = true
              return
            }
            let index = todo[next]
            guard case .start(next, let time)? = ahead.next() else { throw CawError(.io, "search index: the read-ahead lost its place") }
            var read = 0
            do {
              try indexSession(
                db, name: ids[index], stamps: stamps[index], known: known[ids[index]], time: time, ahead: ahead, isCancelled: isCancelled
              ) {
                state.bytesRead += $0
                read += $0
              }
            } catch is Cancelled {
              state.cancelled = true
              return
            }
            // The whole file counts, also when it was read some other way than streamed.
            let rest = max(0, (stamps[index]?.trajectoryFileSize ?? 0) - read)
            state.bytesRead += rest
            batch += read + rest
            next += 1
            state.sessionsIndexed += 1
            progress(state)
          }
        }
      } catch {
        throw Self.failure("cannot write the search index \(file)", error)
      }
    }
    if state.sessionsIndexed + state.sessionsRemoved >= 50 {
      // After much writing, copy the log into the file and empty it (small updates leave that to SQLite's
      // automatic checkpoints).
      _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }
    state.finished = true
    progress(state)
    return state
  }

  /// Forgets the sessions `ids`; returns how many the index held.
  private func remove(_ ids: [String]) throws(CawError) -> Int {
    guard !ids.isEmpty else { return 0 }
    do {
      return try pool.write { db in
        var removed = 0
        for id in ids {
          guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM sessions WHERE id = ?", arguments: [id]) else { continue }
          try SessionWriter.remove(db, key: key)
          removed += 1
        }
        return removed
      }
    } catch {
      throw Self.failure("cannot write the search index \(file)", error)
    }
  }

  /// Re-indexes one session in its own savepoint from what `ahead` read of it (it started at `time`, as
  /// far as the head of its file tells); reads it again here when its blocks must be numbered under
  /// another time, or through ``SessionReader`` when it could not be streamed.
  private func indexSession(
    _ db: Database, name: String, stamps: SessionStamps?, known: Known?, time: Double, ahead: ReadAhead,
    isCancelled: () -> Bool, bytesRead: (Int) -> Void
  ) throws {
    let lastModified = stamps?.lastModified ?? 0
    enum Outcome { case written, irregular, rekey(Double) }
    var outcome = Outcome.irregular
    try db.inSavepoint {
      var writer = SessionWriter(db: db, id: name, known: known)
      try writer.begin(time: time)
      while let item = ahead.next() {
        switch item {
        case .unit(let unit):
          if isCancelled() { throw Cancelled() }
          try writer.add(unit)
        case .read(let count):
          bytesRead(count)
        case .finish(let header):
          let facts = Self.facts(name, header, status: SessionStatus(header), lastModified: lastModified)
          guard SessionKey.matches(writer.key, time: facts.time) else {
            outcome = .rekey(facts.time)
            return .rollback
          }
          try writer.finish(facts, stamps: stamps)
          outcome = .written
          return .commit
        case .irregular:
          return .rollback
        case .start:
          throw CawError(.io, "search index: the read-ahead lost its place")
        }
      }
      throw Cancelled()  // the read-ahead stopped
    }
    switch outcome {
    case .written: return
    case .rekey(let time):
      // Started at another time than the file's head told (`created_at` after the turns): read it again.
      do {
        try db.inSavepoint {
          var writer = SessionWriter(db: db, id: name, known: known)
          let header = try SessionText.stream(
            file: reader.dataDirectory.sessionsPath + "/\(name)/trajectory.json", lastModified: lastModified,
            start: { _ in try writer.begin(time: time) },
            unit: { unit in
              if isCancelled() { throw Cancelled() }
              try writer.add(unit)
            }, bytesRead: { _ in })
          let facts = Self.facts(name, header, status: SessionStatus(header), lastModified: lastModified)
          guard SessionKey.matches(writer.key, time: facts.time) else { throw SessionText.Irregular() }
          try writer.finish(facts, stamps: stamps)
          return .commit
        }
        return
      } catch is SessionText.Irregular {
        try indexLoaded(db, name: name, stamps: stamps, known: known)
      }
    case .irregular:
      try indexLoaded(db, name: name, stamps: stamps, known: known)
    }
  }

  /// Re-indexes one session read whole through ``SessionReader`` (a file that cannot be streamed).
  private func indexLoaded(_ db: Database, name: String, stamps: SessionStamps?, known: Known?) throws {
    let loaded = reader.loadDirectory(named: name)
    let t = loaded.trajectory
    let facts = t.map { Self.facts(name, $0, status: loaded.status, lastModified: loaded.lastModified) }
      ?? IndexedSession(id: name, agent: "", model: "", status: loaded.status, createdAt: "", time: loaded.lastModified, workingDirectory: nil)
    try db.inSavepoint {
      var writer = SessionWriter(db: db, id: name, known: known)
      try writer.begin(time: facts.time)
      if let t { try SessionText.units(of: t) { try writer.add($0) } }
      try writer.finish(facts, stamps: stamps)
      return .commit
    }
  }

  /// A session's facts from its trajectory (or header).
  private static func facts(_ id: String, _ t: Trajectory, status: SessionStatus, lastModified: Double) -> IndexedSession {
    IndexedSession(
      id: id, agent: t.agent, model: t.model, status: status, createdAt: t.createdAt,
      time: Timestamp.parse(t.createdAt) ?? lastModified, workingDirectory: t.workingDirectory)
  }

  /// Stamp values from their stored form (little-endian `Int64`s).
  static func stampValues(_ data: Data) -> [Int64] {
    data.withUnsafeBytes { raw in
      stride(from: 0, to: raw.count - 7, by: 8).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: Int64.self)) }
    }
  }

  /// The stored form of stamp values.
  static func stampData(_ values: [Int64]) -> Data {
    var data = Data(capacity: values.count * 8)
    for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    return data
  }
}
