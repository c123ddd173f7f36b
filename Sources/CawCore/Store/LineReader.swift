import Glibc
import SystemPackage

/// Splits bytes at `\n` with `memchr`, giving the lines `split(separator:omittingEmptySubsequences: false)`
/// would: `n` newlines make `n + 1` lines, the last one possibly empty.
enum LineReader {
  /// The longest line held: the limit the agent launcher puts on a CLI's stdout lines, so a single
  /// huge line cannot take memory in proportion to its size.
  static let maxLineBytes = 64 << 20

  /// Calls `body` with each line of `buffer`.
  static func forEachLine(in buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    _ = forEachCompleteLine(in: buffer, body)
    body(UnsafeBufferPointer(rebasing: buffer[(buffer.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)...]))
  }

  /// Calls `body` with each line of the regular file at `path`, reading it in chunks of `chunkSize`
  /// bytes (more while one line is longer, up to `maxLine`; a longer line is skipped without being held
  /// and only its length goes to `oversized`); returns the file's size in bytes.
  ///
  /// - Throws: ``CawError`` when the file cannot be opened or read, or is not a regular file.
  @discardableResult
  static func forEachLine(
    ofFile path: String, chunkSize: Int = 1 << 20, maxLine: Int = maxLineBytes, oversized: (Int) -> Void = { _ in },
    _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(CawError) -> Int {
    let (file, _) = try FileSystem.openForReading(path)
    defer { try? file.close() }
    return try forEachLine(ofDescriptor: file.rawValue, path: path, chunkSize: chunkSize, maxLine: maxLine, oversized: oversized, body)
  }

  /// Calls `body` with each line read from the open descriptor `fd` (of the file at `path`, named in
  /// errors), in chunks and with the line limit of ``forEachLine(ofFile:chunkSize:maxLine:oversized:_:)``;
  /// returns the bytes read. The caller closes `fd`.
  static func forEachLine(
    ofDescriptor fd: Int32, path: String, chunkSize: Int = 1 << 20, maxLine: Int = maxLineBytes,
    oversized: (Int) -> Void = { _ in }, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(CawError) -> Int {
    let file = FileDescriptor(rawValue: fd)
    var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
    defer { buffer.deallocate() }
    var filled = 0
    var total = 0
    var skipping: Int?  // the length so far of an oversized line being skipped
    while true {
      if filled == buffer.count {
        if buffer.count < maxLine {  // one line fills the buffer: make room for more of it
          let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(buffer.count * 2, maxLine))
          _ = larger.initialize(fromContentsOf: buffer)
          buffer.deallocate()
          buffer = larger
        } else {  // the line is longer than any kept: count it and drop what is held
          skipping = (skipping ?? 0) + filled
          filled = 0
        }
      }
      let n: Int
      do {
        n = try file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
      } catch {
        throw FileSystem.failure("cannot read", path, error)
      }
      if n == 0 { break }
      total += n
      let start = filled
      filled += n
      if let skipped = skipping {
        // Everything held belongs to the oversized line, up to the first newline.
        guard let hit = memchr(buffer.baseAddress! + start, 0x0A, filled - start) else { continue }
        let newline = UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.baseAddress!)
        oversized(skipped + newline)
        skipping = nil
        let rest = filled - newline - 1
        if rest > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + newline + 1, count: rest) }
        filled = rest
      }
      let used = forEachCompleteLine(in: UnsafeBufferPointer(rebasing: buffer[..<filled]), body)
      if used > 0 {
        let rest = filled - used
        if rest > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + used, count: rest) }
        filled = rest
      }
    }
    if let skipped = skipping {
      oversized(skipped + filled)
    } else {
      body(UnsafeBufferPointer(rebasing: buffer[..<filled]))
    }
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
