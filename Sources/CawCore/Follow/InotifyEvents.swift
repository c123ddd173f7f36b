import Glibc

/// Reading an inotify descriptor, for ``InotifyWatch`` and ``NativeInotifyWatch``: events gathered into
/// one ``SessionChange`` per burst (events within 5 ms of each other).
enum InotifyEvents {
  /// One event: the watch it came from, its mask, and the name of the entry (empty for the directory).
  struct Event {
    var watch: Int32
    var mask: UInt32
    var name: String
  }

  /// Reads `fd` until `stopped`, passing each event to `take` and reporting each burst's change once.
  static func run(
    _ fd: Int32, until stopped: StopFlag, take: (Event, inout SessionChange) -> Void, report: (SessionChange) -> Void
  ) {
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
      for event in decode(buffer[0..<count]) { take(event, &pending) }
    }
  }

  /// Decodes `struct inotify_event` records.
  private static func decode(_ bytes: ArraySlice<UInt8>) -> [Event] {
    var events: [Event] = []
    var offset = bytes.startIndex
    let header = MemoryLayout<inotify_event>.size
    while offset + header <= bytes.endIndex {
      let event = bytes[offset..<offset + header].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
      let nameStart = offset + header
      let nameEnd = min(nameStart + Int(event.len), bytes.endIndex)
      events.append(Event(watch: event.wd, mask: event.mask, name: String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)))
      offset = nameEnd
    }
    return events
  }
}
