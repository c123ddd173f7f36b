import Foundation
import Glibc

/// The session list's index: summaries saved in one file outside the data directory, each used again only
/// while its session's files are unchanged.
///
/// A summary is kept with the `lstat` stamps (size, modification and change times, inode) of the session
/// directory, `trajectory.json` and `traj.jsonl`; when any stamp differs, or the session is a symbolic
/// link, the session is read again. A missing, stale or damaged cache file is rebuilt, never trusted: the
/// result always equals ``SessionReader/listSessions(cache:)`` without a cache.
public struct SummaryCache: Sendable {
  /// The directory the cache files live in.
  public let directory: String

  /// A cache in `directory` (created when first written).
  public init(directory: String) {
    self.directory = directory
  }

  /// `$XDG_CACHE_HOME/caw-tui`, else `$HOME/.cache/caw-tui`; nil when neither variable is set.
  public static func defaultDirectory(environment: [String: String]) -> String? {
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/caw-tui" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/caw-tui" }
    return nil
  }

  /// The cache file of one data directory: named after a hash of its real path.
  func file(for dataDirectory: DataDirectory) -> String? {
    CacheKey.name(for: dataDirectory).map { "\(directory)/summaries-\($0).bin" }
  }

  /// Whether the cache directory lies inside the data directory, where the reader must never write.
  func isInside(_ dataDirectory: DataDirectory) -> Bool {
    CacheKey.isInside(directory, dataDirectory)
  }

  /// Summaries of the sessions `ids`, newest first, from the cache where their stamps match, read
  /// otherwise; the cache file is rewritten when anything changed.
  func summariesNewestFirst(of ids: [String], reader: SessionReader) -> [SessionSummary] {
    let data = reader.dataDirectory
    // The cache file is decoded on one core while the sessions are stamped on the others.
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let results = SessionReader.inParallel(2) { part -> CacheWork in
      part == 0 ? .cached(load(for: data)) : .stamps(SessionStamps.all(ids, in: data.sessionsPath, workers: workers))
    }
    guard case .cached(let cached) = results[0], case .stamps(let stamps) = results[1] else {
      preconditionFailure("the parts come in order")
    }
    var index = SummaryIndex(entries: cached)
    if index.update(ids: ids, stamps: stamps, reader: reader) { save(index, ids: ids, for: data) }
    return index.newestFirst(ids)
  }

  /// The entries of the cache file of `data` (paths set for `data`), empty when there is none or it
  /// does not decode.
  func load(for data: DataDirectory) -> [String: SummaryIndex.Entry] {
    guard !isInside(data), let file = file(for: data), let real = FileSystem.realPath(data.path),
      var entries = (try? FileSystem.read(file)).flatMap({ SummaryCacheFile.decode($0, directory: real) })
    else { return [:] }
    for id in entries.keys { entries[id]?.summary.path = data.sessionsPath + "/" + id }
    return entries
  }

  /// Writes the entries of `ids` to the cache file of `data` (failures are ignored: it is only a cache).
  func save(_ index: SummaryIndex, ids: [String], for data: DataDirectory) {
    guard !isInside(data), let file = file(for: data), let real = FileSystem.realPath(data.path) else { return }
    let entries = ids.compactMap { index.entries[$0] }.filter { $0.stamps != nil }
    try? FileSystem.makeDirectories(directory)
    try? FileSystem.writeAtomically(SummaryCacheFile.encode(entries, directory: real), to: file, sync: false)
    pruneOrphans()
  }
}

/// What one part of ``SummaryCache/summariesNewestFirst(of:reader:)`` found.
private enum CacheWork: Sendable {
  case cached([String: SummaryIndex.Entry])
  case stamps([SessionStamps?])
}

/// The `lstat` stamps of a session's directory and two files; nil for a session that is or holds a link.
struct SessionStamps: Equatable, Sendable {
  var values: [Int64]

  /// The stamps of session `name` in the open sessions directory `directory` (paths resolved from it, so
  /// each `lstat` walks two components instead of the whole data directory path).
  init?(session name: String, in directory: Int32) {
    guard directory >= 0 else { return nil }
    var values: [Int64] = []
    values.reserveCapacity(21)
    for path in [name, name + "/trajectory.json", name + "/traj.jsonl"] {
      var st = stat()
      guard fstatat(directory, path, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
        values += [0, 0, 0, 0, 0, 0, 0]
        continue
      }
      if st.st_mode & S_IFMT == S_IFLNK { return nil }
      values += [
        Int64(st.st_size), Int64(st.st_ino), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
        Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec), Int64(st.st_mode),
      ]
    }
    self.values = values
  }

  init(values: [Int64]) {
    self.values = values
  }

  /// The stamps of sessions `ids` under `sessionsPath`, taken on `workers` cores.
  static func all(_ ids: [String], in sessionsPath: String, workers: Int) -> [SessionStamps?] {
    let directory = open(sessionsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { if directory >= 0 { close(directory) } }
    let parts = SessionReader.inParallel(workers) { worker in
      stride(from: worker, to: ids.count, by: workers).map { SessionStamps(session: ids[$0], in: directory) }
    }
    var stamps = [SessionStamps?](repeating: nil, count: ids.count)
    for (worker, part) in parts.enumerated() {
      for (offset, stamp) in part.enumerated() { stamps[worker + offset * workers] = stamp }
    }
    return stamps
  }
}
