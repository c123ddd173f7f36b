import Foundation

/// The inotify side of ``SessionWatcher``: one watch on `sessions/`, one on each session directory.
final class InotifyWatch: @unchecked Sendable {
  private let sessionsPath: String
  private let fd: Int32
  private var sessionByWatch: [Int32: String] = [:]
  private var sessionsWatch: Int32 = -1

  private static let sessionMask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE)
  private static let listMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_ONLYDIR)

  /// Sets up the watches; nil when inotify is unavailable, runs out of watches, or `sessions/` does not
  /// exist yet (the polling watch notices it appear; nothing is ever created in the data directory).
  init?(_ dataDirectory: DataDirectory) {
    sessionsPath = dataDirectory.sessionsPath
    guard FileSystem.isDirectory(sessionsPath) else { return nil }
    fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { return nil }
    sessionsWatch = inotify_add_watch(fd, sessionsPath, Self.listMask)
    guard sessionsWatch >= 0 else {
      close(fd)
      return nil
    }
    for name in (try? FileSystem.list(sessionsPath)) ?? [] where !watchSession(name) {
      close(fd)
      return nil
    }
  }

  deinit { close(fd) }

  /// Adds the watch for one session directory; false when the kernel refuses (out of watches).
  private func watchSession(_ name: String) -> Bool {
    let path = sessionsPath + "/" + name
    guard FileSystem.isDirectory(path) else { return true }
    let watch = inotify_add_watch(fd, path, Self.sessionMask)
    if watch < 0 { return errno != ENOSPC && errno != ENOMEM }
    sessionByWatch[watch] = name
    return true
  }

  /// Reads events until `stopped`, reporting each burst (events within 5 ms of each other) once.
  func run(until stopped: StopFlag, report: (SessionChange) -> Void) {
    InotifyEvents.run(fd, until: stopped, take: take, report: report)
  }

  /// Adds one event to `change`.
  private func take(_ event: InotifyEvents.Event, into change: inout SessionChange) {
    if event.watch == sessionsWatch {
      change.listChanged = true
      if !event.name.isEmpty {
        change.sessionIDs.insert(event.name)
        if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = watchSession(event.name) }
      }
    } else if let session = sessionByWatch[event.watch] {
      if event.mask & UInt32(IN_IGNORED) != 0 {
        sessionByWatch[event.watch] = nil
      } else {
        change.sessionIDs.insert(session)
      }
    }
  }
}
