import Glibc

/// Splits a byte stream into lines with bounded memory: a line longer than `maxLineBytes` is reported by
/// length only and its bytes are dropped.
struct LineSplitter {
  /// The longest line kept whole.
  let maxLineBytes: Int
  private var pending: [UInt8] = []
  private var pendingOverflow = 0

  init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

  /// Takes the next chunk and returns the lines it completes.
  mutating func push(_ chunk: some Collection<UInt8>) -> [StdoutLine] {
    if let lines = chunk.withContiguousStorageIfAvailable({ push(UnsafeRawBufferPointer($0)) }) { return lines }
    return Array(chunk).withUnsafeBytes { push($0) }
  }

  /// Takes the next chunk and returns the lines it completes (newlines found with `memchr`).
  mutating func push(_ chunk: UnsafeRawBufferPointer) -> [StdoutLine] {
    guard let base = chunk.baseAddress else { return [] }
    var lines: [StdoutLine] = []
    var start = 0
    while start < chunk.count, let hit = memchr(base + start, 0x0A, chunk.count - start) {
      let end = base.distance(to: UnsafeRawPointer(hit))
      append(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
      lines.append(takeLine())
      start = end + 1
    }
    append(UnsafeRawBufferPointer(rebasing: chunk[start...]))
    return lines
  }

  /// The last line when the stream ends without a newline, if any.
  mutating func finish() -> StdoutLine? {
    guard !pending.isEmpty || pendingOverflow > 0 else { return nil }
    return takeLine()
  }

  private mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    if pendingOverflow > 0 || pending.count + bytes.count > maxLineBytes {
      pendingOverflow += pending.count + bytes.count
      pending = []
    } else {
      pending.append(contentsOf: bytes)
    }
  }

  private mutating func takeLine() -> StdoutLine {
    defer {
      pending = []
      pendingOverflow = 0
    }
    if pendingOverflow > 0 { return .oversized(byteCount: pendingOverflow) }
    if pending.last == UInt8(ascii: "\r") { return .line(Array(pending.dropLast())) }
    return .line(pending)
  }
}
