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
    var lines: [StdoutLine] = []
    var start = chunk.startIndex
    while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
      append(chunk[start..<newline])
      lines.append(takeLine())
      start = chunk.index(after: newline)
    }
    append(chunk[start...])
    return lines
  }

  /// The last line when the stream ends without a newline, if any.
  mutating func finish() -> StdoutLine? {
    guard !pending.isEmpty || pendingOverflow > 0 else { return nil }
    return takeLine()
  }

  private mutating func append(_ bytes: some Collection<UInt8>) {
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
