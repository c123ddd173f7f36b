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

  /// Native sessions read ahead (on every core) for one transaction.
  static let nativeBatch = 16

  /// What the index holds of one session: its key, origin and stamps.
  struct Known {
    var key: Int64
    var origin: SessionOrigin
    var stamps: [Int64]?
  }

  public func refresh(progress: (IndexProgress) -> Void, isCancelled: () -> Bool) throws(CawError) -> IndexProgress {
    // A caw tree that is not there is an error only when it is all this index covers.
    let cawPresent = natives == nil || FileSystem.isDirectory(reader.dataDirectory.sessionsPath)
    let ids = includesCaw && cawPresent ? try reader.sessionIDs() : []
    let cawIDs = Set(ids)
    // A record whose id a caw session has (never, unless copied) is left to that session.
    let natives = (natives?.list() ?? []).filter { !cawIDs.contains($0.id) }
    return try writing.withLock { _ throws(CawError) in
      let stamps = SessionStamps.all(ids, in: reader.dataDirectory.sessionsPath, workers: ProcessInfo.processInfo.activeProcessorCount)
      return try bringUpToDate(
        ids: ids, stamps: stamps, natives: natives, removeOthers: true, progress: progress, isCancelled: isCancelled)
    }
  }

  /// Brings the given sessions of the agents' stores up to date (after their files changed); they are
  /// read again only when their stamps differ from those stored.
  public func update(natives: [NativeSearchSource]) throws(CawError) -> IndexProgress {
    try writing.withLock { _ throws(CawError) in
      try bringUpToDate(ids: [], stamps: [], natives: natives, removeOthers: false, progress: { _ in }, isCancelled: { false })
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
      var result = try bringUpToDate(
        ids: present, stamps: stamps, natives: [], removeOthers: false, progress: { _ in }, isCancelled: { false })
      result.sessionsRemoved = try remove(gone)
      return result
    }
  }

  /// Indexes the caw sessions `ids` whose `stamps` differ from the stored ones, then the `natives` whose
  /// stamps do; with `removeOthers`, forgets every session of an origin this index covers that is in neither.
  private func bringUpToDate(
    ids: [String], stamps: [SessionStamps?], natives: [NativeSearchSource], removeOthers: Bool,
    progress: (IndexProgress) -> Void, isCancelled: () -> Bool
  ) throws(CawError) -> IndexProgress {
    let known: [String: Known]
    do {
      known = try pool.read { db in
        var known: [String: Known] = [:]
        // A refresh compares every session; an update only the few it was given.
        let rows =
          removeOthers
          ? try Row.fetchAll(db, sql: "SELECT id, key, stamps, origin FROM sessions")
          : try (ids + natives.map(\.id)).compactMap {
            try Row.fetchOne(db, sql: "SELECT id, key, stamps, origin FROM sessions WHERE id = ?", arguments: [$0])
          }
        for row in rows {
          known[row[0]] = Known(
            key: row[1], origin: SessionOrigin(rawValue: row[3]) ?? .caw, stamps: (row[2] as Data?).map(Self.stampValues))
        }
        return known
      }
    } catch {
      throw Self.failure("cannot read the search index", error)
    }
    var state = IndexProgress(sessionsInTree: ids.count + natives.count)
    if removeOthers {
      let present = Set(ids).union(natives.map(\.id))
      state.sessionsRemoved = try remove(known.filter { !present.contains($0.key) && covers($0.value.origin) }.map(\.key))
    }
    // Changed sessions, newest first (by their files' modification time), so recent ones are found first.
    var todo = ids.indices.filter { index in
      guard let stamp = stamps[index], let entry = known[ids[index]] else { return true }
      return entry.stamps != stamp.values
    }
    todo.sort { (stamps[$0]?.lastModified ?? 0) > (stamps[$1]?.lastModified ?? 0) }
    let nativeTodo = natives.filter { known[$0.id]?.stamps != $0.stamps }
    state.sessionsToIndex = todo.count + nativeTodo.count
    state.bytesToRead = todo.reduce(0) { $0 + (stamps[$1]?.trajectoryFileSize ?? 0) } + nativeTodo.reduce(0) { $0 + $1.bytes }
    progress(state)
    let sessionsPath = reader.dataDirectory.sessionsPath
    let ahead = ReadAhead(sessions: todo.map { ("\(sessionsPath)/\(ids[$0])/trajectory.json", stamps[$0]?.lastModified ?? 0) })
    ahead.start()
    defer { ahead.stop() }
    var next = 0
    while next < todo.count && !state.cancelled {
      do {
        try writeBatch { db in
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
    if !state.cancelled {
      try indexNatives(nativeTodo, known: known, &state, progress: progress, isCancelled: isCancelled)
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

  /// One transaction of indexing: `body` writes sessions, then their text chunks are written (packed on
  /// other threads meanwhile) before it commits.
  private func writeBatch(_ body: (Database) throws -> Void) throws {
    try pool.write { db in
      chunks.discard()
      try body(db)
      try chunks.writeAll(db)
    }
  }

  /// Whether sessions of `origin` are this index's to keep or forget.
  private func covers(_ origin: SessionOrigin) -> Bool {
    origin == .caw ? includesCaw : natives?.origins.contains(origin) == true
  }

  /// Indexes sessions of the agents' stores, newest first, each read whole: a batch read on every core,
  /// then written in one transaction.
  private func indexNatives(
    _ sources: [NativeSearchSource], known: [String: Known], _ state: inout IndexProgress,
    progress: (IndexProgress) -> Void, isCancelled: () -> Bool
  ) throws(CawError) {
    // The third stamp is the first file's modification time.
    let todo = sources.sorted { ($0.stamps.count > 2 ? $0.stamps[2] : 0) > ($1.stamps.count > 2 ? $1.stamps[2] : 0) }
    var next = 0
    while next < todo.count && !state.cancelled {
      let batch = Array(todo[next..<min(next + Self.nativeBatch, todo.count)])
      let loaded = SessionReader.inParallel(batch.count) { batch[$0].load() }
      do {
        try writeBatch { db in
          for (source, session) in zip(batch, loaded) {
            if isCancelled() {
              state.cancelled = true
              return
            }
            let facts =
              session.trajectory.map {
                Self.facts(source.id, $0, status: session.status, lastModified: session.lastModified, origin: source.origin)
              }
              ?? IndexedSession(
                id: source.id, agent: source.origin.provider?.rawValue ?? "", model: "", status: session.status,
                createdAt: "", time: session.lastModified, workingDirectory: nil, origin: source.origin)
            try indexWhole(db, facts: facts, trajectory: session.trajectory, stamps: source.stamps, known: known[source.id])
            state.sessionsIndexed += 1
            state.bytesRead += source.bytes
            progress(state)
          }
        }
      } catch {
        throw Self.failure("cannot write the search index \(file)", error)
      }
      next += batch.count
    }
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
      var writer = SessionWriter(db: db, id: name, known: known, chunks: chunks)
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
          try writer.finish(facts, stamps: stamps?.values)
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
          var writer = SessionWriter(db: db, id: name, known: known, chunks: chunks)
          let header = try SessionText.stream(
            file: reader.dataDirectory.sessionsPath + "/\(name)/trajectory.json", lastModified: lastModified,
            start: { _ in try writer.begin(time: time) },
            unit: { unit in
              if isCancelled() { throw Cancelled() }
              try writer.add(unit)
            }, bytesRead: { _ in })
          let facts = Self.facts(name, header, status: SessionStatus(header), lastModified: lastModified)
          guard SessionKey.matches(writer.key, time: facts.time) else { throw SessionText.Irregular() }
          try writer.finish(facts, stamps: stamps?.values)
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
    let facts = loaded.trajectory.map { Self.facts(name, $0, status: loaded.status, lastModified: loaded.lastModified) }
      ?? IndexedSession(id: name, agent: "", model: "", status: loaded.status, createdAt: "", time: loaded.lastModified, workingDirectory: nil)
    try indexWhole(db, facts: facts, trajectory: loaded.trajectory, stamps: stamps?.values, known: known)
  }

  /// Re-indexes one session from its trajectory in memory, in its own savepoint.
  private func indexWhole(_ db: Database, facts: IndexedSession, trajectory: Trajectory?, stamps: [Int64]?, known: Known?) throws {
    try db.inSavepoint {
      var writer = SessionWriter(db: db, id: facts.id, known: known, chunks: chunks)
      try writer.begin(time: facts.time)
      if let trajectory { try SessionText.units(of: trajectory) { try writer.add($0) } }
      try writer.finish(facts, stamps: stamps)
      return .commit
    }
  }

  /// A session's facts from its trajectory (or header).
  private static func facts(
    _ id: String, _ t: Trajectory, status: SessionStatus, lastModified: Double, origin: SessionOrigin = .caw
  ) -> IndexedSession {
    IndexedSession(
      id: id, agent: t.agent, model: t.model, status: status, createdAt: t.createdAt,
      time: Timestamp.parse(t.createdAt) ?? lastModified, workingDirectory: t.workingDirectory, origin: origin)
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
