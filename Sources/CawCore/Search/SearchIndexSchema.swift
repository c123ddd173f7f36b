import Foundation
import GRDB

/// The tables of ``SQLiteSearchIndex``.
///
/// - `sessions`: one row per session: its key (which orders the rowids of its blocks), id, origin (the
///   caw tree or an agent's own store), file stamps, and the facts the filters look at.
/// - `texts`: the sessions' text in chunks (``TextPacking``), rowid `key << 24 | n`: a block's arguments
///   and body are byte ranges of one chunk. A session's chunks only grow as it does; those no block
///   refers to any more are removed when it is indexed again.
/// - `blocks`: one row per block, rowid `key << 24 | n` (n counts the session's blocks in order), with
///   its kind, location, a hash of its text, the tool name, its chunk and its text's ranges in it.
/// - `block_text`: a view of `blocks` with the text cut from its chunk (by the SQL function `caw_slice`).
/// - `block_index`: FTS5 over `block_text` (external content: the text is stored once, packed), with
///   ``WordTokenizer`` (`unicode61` folding case and accents, CJK characters one by one).
enum SearchIndexSchema {
  /// Bumped whenever the tables or what goes into them change; an index of another version is rebuilt.
  static let version = 3

  /// Bits of a block's (and a text chunk's) rowid that number it within its session.
  static let blockBits: Int64 = 24

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
        CREATE TABLE texts(
          id INTEGER PRIMARY KEY,
          data BLOB NOT NULL
        );
        CREATE TABLE blocks(
          id INTEGER PRIMARY KEY,
          kind INTEGER NOT NULL,
          location TEXT NOT NULL,
          hash INTEGER NOT NULL,
          name TEXT NOT NULL,
          chunk INTEGER NOT NULL,
          arguments_at INTEGER NOT NULL,
          arguments_length INTEGER NOT NULL,
          body_at INTEGER NOT NULL,
          body_length INTEGER NOT NULL
        );
        CREATE VIEW block_text AS
          SELECT b.id AS id, b.name AS name,
            caw_slice(b.chunk, t.data, b.arguments_at, b.arguments_length) AS arguments,
            caw_slice(b.chunk, t.data, b.body_at, b.body_length) AS body
          FROM blocks AS b JOIN texts AS t ON t.id = b.chunk;
        CREATE VIRTUAL TABLE block_index USING fts5(
          name, arguments, body, content='block_text', content_rowid='id',
          tokenize='caw_words');
        INSERT INTO block_index(block_index, rank) VALUES('rank', 'bm25(10.0, 2.0, 1.0)');
        PRAGMA user_version = \(version);
        """)
  }
}
