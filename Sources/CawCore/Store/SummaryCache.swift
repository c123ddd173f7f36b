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
    guard let real = FileSystem.realPath(dataDirectory.path) else { return nil }
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in real.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return "\(directory)/summaries-\(String(repeating: "0", count: 16 - hex.count) + hex).bin"
  }

  /// Whether the cache directory lies inside the data directory, where the reader must never write.
  func isInside(_ dataDirectory: DataDirectory) -> Bool {
    guard let data = FileSystem.realPath(dataDirectory.path) else { return true }
    var cache = directory
    while FileSystem.realPath(cache) == nil, cache.count > 1 { cache = FileSystem.parent(of: cache) }
    guard let real = FileSystem.realPath(cache) else { return false }
    return real == data || real.hasPrefix(data + "/")
  }

  /// Summaries of the sessions `ids`, from the cache where their stamps match, read otherwise; the cache
  /// file is rewritten when anything changed.
  func summaries(of ids: [String], reader: SessionReader) -> [SessionSummary] {
    let data = reader.dataDirectory
    let file = isInside(data) ? nil : file(for: data)
    let sessions = open(data.sessionsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { if sessions >= 0 { close(sessions) } }
    // The cache file is decoded on one core while the sessions are stamped on the others.
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let results = SessionReader.inParallel(workers + 1) { worker -> CacheWork in
      guard worker < workers else {
        return .cached(file.flatMap { try? FileSystem.read($0) }.flatMap(SummaryCacheFile.decode) ?? [:])
      }
      return .stamps(stride(from: worker, to: ids.count, by: workers).map { SessionStamps(session: ids[$0], in: sessions) })
    }
    var stamps = [SessionStamps?](repeating: nil, count: ids.count)
    var cached: [String: SummaryCacheFile.Entry] = [:]
    for (worker, result) in results.enumerated() {
      switch result {
      case .cached(let entries): cached = entries
      case .stamps(let part):
        for (offset, stamp) in part.enumerated() { stamps[worker + offset * workers] = stamp }
      }
    }
    let misses = ids.indices.filter { index in
      guard let stamp = stamps[index], let entry = cached[ids[index]] else { return true }
      return entry.stamps != stamp
    }
    let fresh = SessionReader.inParallel(misses.count) { reader.summarise(ids[misses[$0]]) }
    var summaries: [SessionSummary] = []
    summaries.reserveCapacity(ids.count)
    var entries: [SummaryCacheFile.Entry] = []
    var missIndex = 0
    for (index, id) in ids.enumerated() {
      var summary: SessionSummary
      if missIndex < misses.count, misses[missIndex] == index {
        summary = fresh[missIndex]
        missIndex += 1
      } else {
        summary = cached[id]!.summary
        summary.path = data.sessionsPath + "/" + id
      }
      summaries.append(summary)
      if let stamp = stamps[index] { entries.append(.init(stamps: stamp, summary: summary)) }
    }
    if let file, !misses.isEmpty || cached.count != entries.count {
      try? FileSystem.makeDirectories(directory)
      try? FileSystem.writeAtomically(SummaryCacheFile.encode(entries), to: file, sync: false)
    }
    return summaries
  }
}

/// What one worker of ``SummaryCache/summaries(of:reader:)`` found.
private enum CacheWork: Sendable {
  case cached([String: SummaryCacheFile.Entry])
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
}
