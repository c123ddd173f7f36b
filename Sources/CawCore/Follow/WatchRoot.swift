import Glibc

/// A directory whose files ``NativeWatcher`` follows, with its subdirectories down to `depth` levels.
struct WatchRoot: Sendable, Equatable {
  /// The directory.
  var path: String
  /// How many levels of subdirectories are followed (0: only the directory's own files).
  var depth: Int

  /// The directories of the agents' stores of `origins` in which sessions are written.
  static func roots(of stores: NativeStores, origins: Set<SessionOrigin>) -> [WatchRoot] {
    var roots: [WatchRoot] = []
    // <project>/<session>.jsonl, and <project>/<session>/subagents/agent-*.jsonl.
    if origins.contains(.claude), let projects = stores.claudeProjects { roots.append(WatchRoot(path: projects, depth: 3)) }
    // YYYY/MM/DD/rollout-*.jsonl.
    if origins.contains(.codex) { roots += stores.codexSessions.map { WatchRoot(path: $0, depth: 3) } }
    if origins.contains(.opencode), let data = stores.opencodeData {
      // opencode.db and its log; before 1.2, session/<project>/<id>.json and message/<session>/<id>.json.
      roots += [
        WatchRoot(path: data, depth: 0), WatchRoot(path: data + "/storage/session", depth: 1),
        WatchRoot(path: data + "/storage/message", depth: 1),
      ]
    }
    return roots
  }

  /// The regular files under `path` down to `depth` levels of subdirectories.
  static func files(under path: String, depth: Int) -> [String] {
    guard let entries = try? FileSystem.entries(path) else { return [] }
    var files: [String] = []
    for entry in entries where entry.exact {
      let child = path + "/" + entry.name
      let type = entry.type == UInt8(DT_UNKNOWN) ? FileSystem.status(child).map(Self.type) ?? entry.type : entry.type
      if type == UInt8(DT_DIR) {
        if depth > 0 { files += Self.files(under: child, depth: depth - 1) }
      } else if type == UInt8(DT_REG) {
        files.append(child)
      }
    }
    return files
  }

  /// The directory-entry type of a file's status.
  private static func type(_ st: stat) -> UInt8 {
    switch st.st_mode & S_IFMT {
    case S_IFDIR: UInt8(DT_DIR)
    case S_IFREG: UInt8(DT_REG)
    default: UInt8(DT_UNKNOWN)
    }
  }
}
