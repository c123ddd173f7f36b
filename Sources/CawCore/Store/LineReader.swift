import Glibc

/// Splits bytes at `\n` with `memchr`, giving the lines `split(separator:omittingEmptySubsequences: false)`
/// would: `n` newlines make `n + 1` lines, the last one possibly empty.
enum LineReader {
  /// Calls `body` with each line of `buffer`.
  static func forEachLine(in buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    _ = forEachCompleteLine(in: buffer, body)
    body(UnsafeBufferPointer(rebasing: buffer[(buffer.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)...]))
  }

  /// Calls `body` with each line of the file at `path`, reading it in chunks of `chunkSize` bytes (more
  /// while one line is longer); returns the file's size in bytes.
  ///
  /// - Throws: ``CawError`` when the file cannot be opened or read.
  @discardableResult
  static func forEachLine(
    ofFile path: String, chunkSize: Int = 1 << 20, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(CawError) -> Int {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileSystem.failure("cannot read", path) }
    defer { close(fd) }
    var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
    defer { buffer.deallocate() }
    var filled = 0
    var total = 0
    while true {
      if filled == buffer.count {  // one line fills the buffer: make room for more of it
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
        _ = larger.initialize(fromContentsOf: buffer)
        buffer.deallocate()
        buffer = larger
      }
      let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw FileSystem.failure("cannot read", path) }
      if n == 0 { break }
      total += n
      filled += n
      let used = forEachCompleteLine(in: UnsafeBufferPointer(rebasing: buffer[..<filled]), body)
      if used > 0 {
        let rest = filled - used
        if rest > 0 { (buffer.baseAddress! + 0).update(from: buffer.baseAddress! + used, count: rest) }
        filled = rest
      }
    }
    body(UnsafeBufferPointer(rebasing: buffer[..<filled]))
    return total
  }

  /// Calls `body` with each line ended by `\n` in `buffer`; returns how many bytes those lines took.
  private static func forEachCompleteLine(
    in buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var start = 0
    while start < buffer.count, let hit = memchr(base + start, 0x0A, buffer.count - start) {
      let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
      start = end + 1
    }
    return start
  }
}
