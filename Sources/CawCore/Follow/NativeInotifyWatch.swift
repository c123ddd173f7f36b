import Glibc

/// The inotify side of ``NativeWatcher``: one watch on each directory of the stores' trees (down to each
/// root's depth), added as directories appear; reports the files written.
final class NativeInotifyWatch: @unchecked Sendable {
  private let fd: Int32
  /// Each watched directory: its path and how many more levels below it are followed.
  private var directories: [Int32: (path: String, levels: Int)] = [:]

  private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)

  /// Sets up the watches; nil when inotify is unavailable, runs out of watches, or no root exists yet
  /// (the polling watch notices them appear).
  init?(_ roots: [WatchRoot]) {
    fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { return nil }
    for root in roots where FileSystem.isDirectory(root.path) {
      guard watch(root.path, levels: root.depth) else {
        close(fd)
        return nil
      }
    }
    if directories.isEmpty {
      close(fd)
      return nil
    }
  }

  deinit { close(fd) }

  /// Watches `path` and its subdirectories down `levels`; false when the kernel refuses (out of watches).
  private func watch(_ path: String, levels: Int) -> Bool {
    let wd = inotify_add_watch(fd, path, Self.mask)
    if wd < 0 { return errno != ENOSPC && errno != ENOMEM }
    directories[wd] = (path, levels)
    guard levels > 0, let entries = try? FileSystem.entries(path) else { return true }
    for entry in entries where entry.exact && (entry.type == UInt8(DT_DIR) || entry.type == UInt8(DT_UNKNOWN)) {
      let child = path + "/" + entry.name
      if FileSystem.isDirectory(child), !watch(child, levels: levels - 1) { return false }
    }
    return true
  }

  /// Reads events until `stopped`, reporting each burst (events within 5 ms of each other) once.
  func run(until stopped: StopFlag, report: (SessionChange) -> Void) {
    InotifyEvents.run(fd, until: stopped, take: take, report: report)
  }

  /// Adds one event to `change`.
  private func take(_ event: InotifyEvents.Event, into change: inout SessionChange) {
    guard let directory = directories[event.watch] else { return }
    if event.mask & UInt32(IN_IGNORED) != 0 {
      directories[event.watch] = nil
      return
    }
    guard !event.name.isEmpty else { return }
    let path = directory.path + "/" + event.name
    if event.mask & UInt32(IN_ISDIR) != 0 {
      // A new directory (a project, a day, a subagents folder): follow it, and report what it already holds.
      if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, directory.levels > 0 {
        _ = watch(path, levels: directory.levels - 1)
        change.nativeFiles.formUnion(WatchRoot.files(under: path, depth: directory.levels - 1))
      }
    } else {
      change.nativeFiles.insert(path)
    }
  }
}
