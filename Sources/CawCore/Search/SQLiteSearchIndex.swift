import Foundation
import GRDB
import Glibc
import Synchronization

/// The search index as an SQLite file with FTS5 (through GRDB), kept in the cache directory.
///
/// One index file per data directory, named after its real path, never inside it. Sessions are
/// re-indexed when their files' stamps (size, inode, modification and change times) differ from those
/// stored; within a changed session only blocks whose text changed are re-indexed. The file is in WAL
/// mode, so searches (from any thread or process) go on while a refresh writes, and see each batch of
/// sessions as it is committed. An index file that is damaged or of another version is rebuilt.
public final class SQLiteSearchIndex: SearchIndex {
  /// The tree indexed.
  public let reader: SessionReader
  /// Whether the caw tree's sessions are indexed (false: only the agents' stores of ``natives``).
  public let includesCaw: Bool
  /// The agents' own stores indexed besides the caw tree, if any.
  public let natives: NativeSearchSources?
  /// The index file.
  public let file: String
  let pool: DatabasePool
  /// One refresh at a time in this process (another process waits on SQLite's lock instead).
  let writing = Mutex(())
  /// The text chunks of the transaction being written (under `writing`).
  let chunks = ChunkQueue()

  /// The index of `dataDirectory` in `cacheDirectory` (created when missing).
  ///
  /// - Throws: ``CawError`` when the cache directory lies inside the data directory or the file cannot
  ///   be created.
  public convenience init(dataDirectory: DataDirectory, cacheDirectory: String) throws(CawError) {
    guard !CacheKey.isInside(cacheDirectory, dataDirectory) else {
      throw CawError(.invalidArgument, "the cache directory \(cacheDirectory) is inside the data directory; caw-tui never writes there")
    }
    guard let name = CacheKey.name(for: dataDirectory) else {
      throw CawError(.sessionNotFound, "no caw data at \(dataDirectory.path): it does not exist")
    }
    try FileSystem.makeDirectories(cacheDirectory)
    try self.init(reader: SessionReader(dataDirectory), file: "\(cacheDirectory)/search-\(name).sqlite")
  }

  /// The index of every session `catalog` lists, its caw tree's and its agent stores', in `cacheDirectory`:
  /// one file per data directory (also when it does not exist, for a user with only the agents' stores).
  /// The stores' sessions are those `natives` lists, by default those the catalog lists (a caller that
  /// has listed them already can say so, and spare the listing).
  ///
  /// - Throws: ``CawError`` when the cache directory lies inside the data directory or the file cannot
  ///   be created.
  public convenience init(catalog: SessionCatalog, cacheDirectory: String, natives: NativeSearchSources? = nil) throws(CawError) {
    let dataDirectory = catalog.dataDirectory ?? DataDirectory("")
    let cawPresent = FileSystem.isDirectory(dataDirectory.path)
    guard !cawPresent || !CacheKey.isInside(cacheDirectory, dataDirectory) else {
      throw CawError(.invalidArgument, "the cache directory \(cacheDirectory) is inside the data directory; caw-tui never writes there")
    }
    // Nothing to search: say why the caw tree is not there.
    if catalog.origins.isEmpty { _ = try SessionReader(dataDirectory).sessionIDs() }
    try FileSystem.makeDirectories(cacheDirectory)
    try self.init(
      reader: SessionReader(dataDirectory), file: Self.file(for: dataDirectory, cacheDirectory: cacheDirectory),
      includesCaw: catalog.origins.contains(.caw), natives: natives ?? catalog.searchSources(cacheDirectory: cacheDirectory))
  }

  /// Whether `cacheDirectory` holds an index of `dataDirectory` (built, or being built).
  public static func exists(dataDirectory: DataDirectory, cacheDirectory: String) -> Bool {
    FileSystem.status(file(for: dataDirectory, cacheDirectory: cacheDirectory)) != nil
  }

  /// The index file of `dataDirectory` (named after its real path, or the path as given when it does not exist).
  static func file(for dataDirectory: DataDirectory, cacheDirectory: String) -> String {
    "\(cacheDirectory)/search-\(CacheKey.name(for: dataDirectory) ?? CacheKey.name(ofPath: dataDirectory.path)).sqlite"
  }

  /// The index of `reader`'s tree (unless `includesCaw` is false) and of `natives` in `file`.
  public init(reader: SessionReader, file: String, includesCaw: Bool = true, natives: NativeSearchSources? = nil) throws(CawError) {
    self.reader = reader
    self.file = file
    self.includesCaw = includesCaw
    self.natives = natives
    do {
      pool = try Self.openPool(file)
    } catch {
      // Damaged, or of another version: start again.
      for suffix in ["", "-wal", "-shm"] { unlink(file + suffix) }
      do {
        pool = try Self.openPool(file)
      } catch {
        throw Self.failure("cannot open the search index \(file)", error)
      }
    }
  }

  private static func openPool(_ file: String) throws -> DatabasePool {
    var configuration = Configuration()
    configuration.busyMode = .timeout(60)
    configuration.prepareDatabase { db in
      db.add(function: TextSlicer.function)
      db.add(tokenizer: WordTokenizer.self)
      MatchRanges.register(db)
      // A 32 MiB page cache keeps the index's recent pages between transactions; the write-ahead log is
      // checkpointed every 32 MiB and cut back to that size afterwards instead of keeping its largest.
      try db.execute(
        sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 8192; PRAGMA journal_size_limit = 33554432")
    }
    let pool = try DatabasePool(path: file, configuration: configuration)
    try pool.write { db in
      let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      if version == 0 {
        try SearchIndexSchema.create(db)
      } else if version != SearchIndexSchema.version {
        throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "index version \(version)")
      }
    }
    return pool
  }

  // MARK: - SearchIndex

  public func status() throws(CawError) -> IndexStatus {
    let counts: (Int, Int)
    do {
      counts = try pool.read { db in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM sessions") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM blocks") ?? 0)
      }
    } catch {
      throw Self.failure("cannot read the search index", error)
    }
    let bytes = ["", "-wal"].reduce(0) { $0 + Int(FileSystem.status(file + $1)?.st_size ?? 0) }
    return IndexStatus(sessions: counts.0, blocks: counts.1, bytesOnDisk: bytes, location: file)
  }

  /// A CawError for a database failure.
  static func failure(_ what: String, _ error: any Error) -> CawError {
    if let error = error as? CawError { return error }
    return CawError(.io, "\(what): \(error)")
  }
}
