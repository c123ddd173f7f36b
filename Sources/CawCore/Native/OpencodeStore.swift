import OrderedCollections
import GRDB
import Glibc

/// opencode's sessions under its data directory (`~/.local/share/opencode`), in both layouts it has written:
/// `opencode.db` (SQLite, from 1.2: tables `session`, `message`, `part`, the last two holding JSON in
/// `data`) and the `storage/` JSON files of earlier versions (`session/<project>/<id>.json`,
/// `message/<session>/<id>.json`, `part/<message>/<id>.json`). A session in both is read from the database.
///
/// The database is only ever read: while opencode has it open (its `-wal` file exists) it is opened
/// read-only and shares opencode's WAL index, otherwise as an immutable file, so SQLite creates no `-wal`
/// or `-shm` file in opencode's directory.
struct OpencodeStore: Sendable {
  /// opencode's data directory.
  let dataDirectory: String

  /// One session: where it is and the stamps that tell whether it changed.
  struct Ref: Sendable {
    var id: String
    var key: String
    var stamps: [Int64]
    /// The database, or nil for the JSON files.
    var database: String?
    /// The session's JSON file, for the JSON layout.
    var sessionFile: String?
  }

  var databasePath: String { dataDirectory + "/opencode.db" }
  var storage: String { dataDirectory + "/storage" }

  /// Every top-level session (subagent sessions are read as part of their parent).
  func sessions() -> [Ref] {
    var refs = databaseSessions()
    let inDatabase = Set(refs.map(\.id))
    refs += fileSessions().filter { !inDatabase.contains($0.id) }
    return refs
  }

  /// The key of session `id` in the database at `database` (a ``Ref/key``).
  static func key(database: String, id: String) -> String { database + "#" + id }

  /// The session stored under `key` (as ``Ref/key`` gives it), looked up again.
  func ref(forKey key: String) -> Ref? {
    if let hash = key.lastIndex(of: "#"), String(key[..<hash]) == databasePath {
      let id = String(key[key.index(after: hash)...])
      return Ref(id: id, key: key, stamps: [], database: databasePath)
    }
    guard key.hasSuffix(".json") else { return nil }
    let id = String(FileSystem.baseName(of: key).dropLast(5))
    return Ref(id: id, key: key, stamps: [], sessionFile: key)
  }

  // MARK: - The database

  /// A read-only connection that writes nothing next to the database.
  func openDatabase() throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    let live = FileSystem.status(databasePath + "-wal") != nil && FileSystem.status(databasePath + "-shm") != nil
    let uri = "file:" + Self.uriEscaped(databasePath) + (live ? "?mode=ro" : "?mode=ro&immutable=1")
    return try DatabaseQueue(path: uri, configuration: configuration)
  }

  static func uriEscaped(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      default: out += String(decoding: [byte], as: UTF8.self)
      }
    }
    return out
  }

  private func databaseSessions() -> [Ref] {
    guard (FileSystem.status(databasePath).map { $0.st_mode & S_IFMT } ?? 0) == S_IFREG else { return [] }
    guard let queue = try? openDatabase() else { return [] }
    return (try? queue.read { db -> [Ref] in
      var parts: [String: (Int64, Int64)] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT session_id, COUNT(*) AS n, MAX(time_updated) AS t FROM part GROUP BY session_id") {
        parts[row["session_id"]] = (row["n"] ?? 0, row["t"] ?? 0)
      }
      return try Row.fetchAll(db, sql: "SELECT id, parent_id, time_updated FROM session").compactMap { row -> Ref? in
        guard let id: String = row["id"], (row["parent_id"] as String?) == nil else { return nil }
        let updated: Int64 = row["time_updated"] ?? 0
        let (count, last) = parts[id] ?? (0, 0)
        return Ref(id: id, key: Self.key(database: databasePath, id: id), stamps: [updated, count, last], database: databasePath)
      }
    }) ?? []
  }

  // MARK: - The JSON files

  private func fileSessions() -> [Ref] {
    let root = storage + "/session"
    guard let projects = try? FileSystem.entries(root) else { return [] }
    var refs: [Ref] = []
    for project in projects where project.exact {
      let directory = root + "/" + project.name
      guard let names = try? FileSystem.list(directory) else { continue }
      for name in names where name.hasSuffix(".json") {
        let path = directory + "/" + name
        let id = String(name.dropLast(5))
        // A child session names its parent; it is read with the parent.
        if let head = FileSystem.readPrefix(path, count: 4096), Self.hasParent(head) { continue }
        let messages = storage + "/message/" + id
        refs.append(Ref(id: id, key: path, stamps: NativeStores.stamps([path, messages]), sessionFile: path))
      }
    }
    return refs
  }

  static func hasParent(_ head: [UInt8]) -> Bool {
    guard let value = try? JSONParser.parse(head) else {
      return String(decoding: head, as: UTF8.self).contains("\"parentID\"")
    }
    return value["parentID"]?.stringValue.map { !$0.isEmpty } ?? false
  }

  // MARK: - Reading a session

  /// Reads one session (and its subagent sessions); never throws (a failure is a broken session).
  func load(_ ref: Ref, pricing: PricingTable, skimmingContent: Bool) -> LoadedSession {
    let path = ref.database ?? ref.sessionFile ?? ref.key
    var session = LoadedSession(native: .opencode, id: ref.id, path: path, source: ref.database == nil ? .opencodeStorage : .opencodeDatabase)
    do {
      let reader = ref.database == nil ? SessionSource.files(self) : SessionSource.database(try openDatabase())
      var problems: [ReadProblem] = []
      let (trajectory, record) = try read(
        ref.id, from: reader, path: path, pricing: pricing, skimmingContent: skimmingContent, problems: &problems, depth: 0)
      session.trajectory = trajectory
      session.status = SessionStatus(trajectory)
      session.nativeRecord = record
      session.problems = problems
      if let updated = trajectory.metadata["native"]?["updated_ms"]?.numberValue?.intValue {
        session.lastModified = Double(updated) / 1000
      }
    } catch let error as CawError {
      session.brokenReason = error.message
    } catch {
      session.brokenReason = "opencode's database cannot be read: \(TextSanitizer.singleLine(String(describing: error), limit: 200))"
    }
    if session.nativeRecord == nil { session.nativeRecord = NativeRecord(origin: .opencode, path: path, resumeKey: ref.id) }
    return session
  }

  /// Where a session's records are read from.
  enum SessionSource {
    case database(DatabaseQueue)
    case files(OpencodeStore)

    /// The session object (opencode's `Session.Info` shape).
    func session(_ id: String, file: String?) throws -> JSONObject? {
      switch self {
      case .database(let queue):
        return try queue.read { db -> JSONObject? in
          guard let row = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id]) else { return nil }
          var info: JSONObject = ["id": .string(id)]
          for (column, key) in [("parent_id", "parentID"), ("directory", "directory"), ("title", "title"), ("version", "version")] {
            if row.hasColumn(column), let value: String = row[column] { info[key] = .string(value) }
          }
          info["time"] = .object([
            "created": .number(.int(Int(row["time_created"] as Int64? ?? 0))),
            "updated": .number(.int(Int(row["time_updated"] as Int64? ?? 0))),
          ])
          return info
        }
      case .files(let store):
        let path = file ?? store.sessionFile(id)
        guard let path, let bytes = NativeLog.readSmallFile(path) else { return nil }
        return try JSONParser.parse(bytes).objectValue
      }
    }

    /// The session's messages in order, each with its parts in order; parse failures become problems.
    func messages(_ id: String, problems: inout [ReadProblem]) throws -> [(JSONObject, [JSONObject])] {
      switch self {
      case .database(let queue):
        return try queue.read { db -> [(JSONObject, [JSONObject])] in
          var partsByMessage: [String: [JSONObject]] = [:]
          let parts = try Row.fetchCursor(
            db, sql: "SELECT id, message_id, data FROM part WHERE session_id = ? ORDER BY message_id, id", arguments: [id])
          while let row = try parts.next() {
            let messageID: String = row["message_id"] ?? ""
            let data: String = row["data"] ?? "{}"
            guard var part = (try? JSONParser.parse(Array(data.utf8)))?.objectValue else { continue }
            part["id"] = .string(row["id"] ?? "")
            partsByMessage[messageID, default: []].append(part)
          }
          var result: [(JSONObject, [JSONObject])] = []
          let messages = try Row.fetchCursor(
            db, sql: "SELECT id, time_created, data FROM message WHERE session_id = ? ORDER BY time_created, id",
            arguments: [id])
          while let row = try messages.next() {
            let messageID: String = row["id"] ?? ""
            let data: String = row["data"] ?? "{}"
            guard var message = (try? JSONParser.parse(Array(data.utf8)))?.objectValue else { continue }
            message["id"] = .string(messageID)
            result.append((message, partsByMessage[messageID] ?? []))
          }
          return result
        }
      case .files(let store):
        let directory = store.storage + "/message/" + id
        guard let names = try? FileSystem.list(directory) else { return [] }
        var messages: [(JSONObject, [JSONObject])] = []
        for name in names.sorted() where name.hasSuffix(".json") {
          guard let bytes = NativeLog.readSmallFile(directory + "/" + name),
            let message = (try? JSONParser.parse(bytes))?.objectValue
          else {
            problems.append(ReadProblem(location: "storage/message/\(id)/\(name)", message: "not a JSON object; skipped"))
            continue
          }
          let messageID = message["id"]?.stringValue ?? String(name.dropLast(5))
          let partDirectory = store.storage + "/part/" + messageID
          var parts: [JSONObject] = []
          for partName in ((try? FileSystem.list(partDirectory)) ?? []).sorted() where partName.hasSuffix(".json") {
            guard let bytes = NativeLog.readSmallFile(partDirectory + "/" + partName),
              let part = (try? JSONParser.parse(bytes))?.objectValue
            else {
              problems.append(ReadProblem(location: "storage/part/\(messageID)/\(partName)", message: "not a JSON object; skipped"))
              continue
            }
            parts.append(part)
          }
          messages.append((message, parts))
        }
        return messages.sorted { ($0.0["time"]?["created"]?.numberValue?.doubleValue ?? 0) < ($1.0["time"]?["created"]?.numberValue?.doubleValue ?? 0) }
      }
    }
  }

  /// The JSON file of session `id`, searched in every project directory.
  func sessionFile(_ id: String) -> String? {
    let root = storage + "/session"
    for project in (try? FileSystem.list(root)) ?? [] {
      let path = root + "/" + project + "/" + id + ".json"
      if FileSystem.status(path) != nil { return path }
    }
    return nil
  }

  private func read(
    _ id: String, from source: SessionSource, path: String, pricing: PricingTable, skimmingContent: Bool,
    problems: inout [ReadProblem], depth: Int
  ) throws -> (Trajectory, NativeRecord) {
    guard let info = try source.session(id, file: depth == 0 ? (path.hasSuffix(".json") ? path : nil) : nil) else {
      throw CawError(.sessionNotFound, "opencode has no session \(id)")
    }
    var builder = OpencodeSession(skimmingContent: skimmingContent)
    for (message, parts) in try source.messages(id, problems: &problems) { builder.add(message, parts: parts) }
    var trajectory = builder.trajectory(info: info, path: path, pricing: pricing)
    // Subagents: a `task` call names the child session it ran.
    if depth < 16 {
      for t in trajectory.turns.indices {
        for b in trajectory.turns[t].output.indices {
          guard case .toolUse(var call) = trajectory.turns[t].output[b], call.name == "task",
            let child = builder.childSessions[call.id], child != id
          else { continue }
          if let (sub, _) = try? read(
            child, from: source, path: path, pricing: pricing, skimmingContent: skimmingContent, problems: &problems,
            depth: depth + 1)
          {
            call.subagentTrajectory = sub
            trajectory.turns[t].output[b] = .toolUse(call)
          }
        }
      }
    }
    problems += builder.tally.problems(at: id, noun: "part")
    let record = NativeRecord(
      origin: .opencode, path: path, resumeKey: id, workingDirectory: info["directory"]?.stringValue ?? "",
      cliVersion: info["version"]?.stringValue ?? "", title: info["title"]?.stringValue ?? "",
      unknownRecordTypes: builder.tally.unknown, turnInProgress: builder.inProgress)
    return (trajectory, record)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
