import CawCore
import GRDB
import OrderedCollections
import TestSupport

/// opencode 1.2+'s `opencode.db`, made from the same messages and parts as the JSON fixture: tables
/// `session`, `message` and `part`, the last two holding the JSON without the ids (which are columns).
enum OpencodeDatabaseFixture {
  /// Writes `opencode.db` (WAL mode, as opencode keeps it) into `directory` and closes it.
  static func write(into directory: String, sessions: [(id: String, parent: String?, title: String, created: Int64, updated: Int64)])
    throws
  {
    let queue = try DatabaseQueue(path: directory + "/opencode.db")
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA journal_mode=WAL")
      try db.execute(
        sql: """
          CREATE TABLE project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
          CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT NOT NULL,
            directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, time_created INTEGER NOT NULL,
            time_updated INTEGER NOT NULL, time_compacting INTEGER, time_archived INTEGER);
          CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL,
            time_updated INTEGER NOT NULL, data TEXT NOT NULL);
          CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL,
            time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
          INSERT INTO project VALUES ('p1', '/work/app', 1767036000000, 1767036000000);
          """)
      for s in sessions {
        try db.execute(
          sql: "INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated) VALUES (?, 'p1', ?, 'slug', '/work/app', ?, '1.17.5', ?, ?)",
          arguments: [s.id, s.parent, s.title, s.created, s.updated])
      }
      for (name, text) in NativeFixtures.opencodeMessages {
        var message = try JSONParser.parse(Array(text.utf8)).objectValue ?? [:]
        let id = message.removeValue(forKey: "id")?.stringValue ?? ""
        let session = message.removeValue(forKey: "sessionID")?.stringValue ?? String(name.prefix { $0 != "/" })
        let created = Int64(message["time"]?["created"]?.numberValue?.intValue ?? 0)
        try db.execute(
          sql: "INSERT INTO message VALUES (?, ?, ?, ?, ?)",
          arguments: [id, session, created, created, PythonJSONWriter.string(.object(message), style: .singleLine)])
      }
      for (_, text) in NativeFixtures.opencodeParts {
        var part = try JSONParser.parse(Array(text.utf8)).objectValue ?? [:]
        let id = part.removeValue(forKey: "id")?.stringValue ?? ""
        let session = part.removeValue(forKey: "sessionID")?.stringValue ?? ""
        let message = part.removeValue(forKey: "messageID")?.stringValue ?? ""
        try db.execute(
          sql: "INSERT INTO part VALUES (?, ?, ?, 0, 0, ?)",
          arguments: [id, message, session, PythonJSONWriter.string(.object(part), style: .singleLine)])
      }
    }
    try queue.close()
  }
}
