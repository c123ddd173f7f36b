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
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var pending = SessionChange()
    while !stopped.isSet {
      var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&pollfd, 1, pending.isEmpty ? 50 : 5)
      if ready <= 0 {
        if !pending.isEmpty {
          report(pending)
          pending = SessionChange()
        }
        continue
      }
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard count > 0 else { continue }
      parse(buffer[0..<count], into: &pending)
    }
  }

  /// Decodes `struct inotify_event` records.
  private func parse(_ bytes: ArraySlice<UInt8>, into change: inout SessionChange) {
    var offset = bytes.startIndex
    let header = MemoryLayout<inotify_event>.size
    while offset + header <= bytes.endIndex {
      let event = bytes[offset..<offset + header].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
      let nameStart = offset + header
      let nameEnd = min(nameStart + Int(event.len), bytes.endIndex)
      let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
      if event.wd == sessionsWatch {
        change.listChanged = true
        if !name.isEmpty {
          change.sessionIDs.insert(name)
          if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = watchSession(name) }
        }
      } else if let session = sessionByWatch[event.wd] {
        if event.mask & UInt32(IN_IGNORED) != 0 {
          sessionByWatch[event.wd] = nil
        } else {
          change.sessionIDs.insert(session)
        }
      }
      offset = nameEnd
    }
  }
}
