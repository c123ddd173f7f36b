import Foundation
import GRDB

/// The tables of ``SQLiteSearchIndex``.
///
/// - `sessions`: one row per session: its key (which orders the rowids of its blocks), id, origin (the
///   caw tree or an agent's own store), file stamps, and the facts the filters look at.
/// - `blocks`: one row per block, rowid `key << 24 | n` (n counts the session's blocks in order), with
///   its kind, location, a hash of its text, the tool name, and the arguments and text packed
///   (``TextPacking``).
/// - `block_text`: a view of `blocks` with the text unpacked (by the SQL function `caw_unpack`).
/// - `block_index`: FTS5 over `block_text` (external content: the text is stored once, packed), with
///   ``WordTokenizer`` (`unicode61` folding case and accents, CJK characters one by one).
enum SearchIndexSchema {
  /// Bumped whenever the tables or what goes into them change; an index of another version is rebuilt.
  static let version = 2

  /// Bits of a block's rowid that number it within its session.
  static let blockBits: Int64 = 24

  /// The SQL function that unpacks stored text.
  static let unpack = DatabaseFunction("caw_unpack", argumentCount: 1, pure: true) { values in
    guard case .blob(let data) = values[0].storage else { return nil }
    return data.withUnsafeBytes { TextPacking.unpack($0) }
  }

  /// Creates the tables in an empty database.
  static func create(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE sessions(
          key INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          origin TEXT NOT NULL,
          stamps BLOB,
          agent TEXT NOT NULL,
          model TEXT NOT NULL,
          status TEXT NOT NULL,
          created_at TEXT NOT NULL,
          time REAL NOT NULL,
          cwd TEXT,
          project TEXT,
          blocks INTEGER NOT NULL
        );
        CREATE TABLE blocks(
          id INTEGER PRIMARY KEY,
          kind INTEGER NOT NULL,
          location TEXT NOT NULL,
          hash INTEGER NOT NULL,
          name TEXT NOT NULL,
          arguments BLOB NOT NULL,
          body BLOB NOT NULL
        );
        CREATE VIEW block_text AS
          SELECT id, name, caw_unpack(arguments) AS arguments, caw_unpack(body) AS body FROM blocks;
        CREATE VIRTUAL TABLE block_index USING fts5(
          name, arguments, body, content='block_text', content_rowid='id',
          tokenize='caw_words');
        INSERT INTO block_index(block_index, rank) VALUES('rank', 'bm25(10.0, 2.0, 1.0)');
        PRAGMA user_version = \(version);
        """)
  }
}
