import Glibc

/// Where each line of a text starts, found with `memchr`, so a view of a multi-megabyte tool output
/// makes strings only for the lines on screen.
public struct LineIndex: Sendable {
  /// The text being indexed.
  public let text: String
  /// UTF-8 offset of each line's first byte; the last line runs to the end.
  private let starts: [Int]

  /// Indexes the lines of `text`, split at `\n` (a final `\n` ends the last line, as `split` would keep
  /// an empty line after it).
  public init(_ text: String) {
    var text = text
    text.makeContiguousUTF8()
    var starts = [0]
    text.utf8.withContiguousStorageIfAvailable { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
        offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        starts.append(offset)
      }
    }
    self.text = text
    self.starts = starts
  }

  /// Number of lines (a text of no newline has one).
  public var count: Int { starts.count }

  /// Line `index` without its `\n`.
  public subscript(index: Int) -> Substring {
    let utf8 = text.utf8
    let end = index + 1 < starts.count ? starts[index + 1] - 1 : utf8.count
    let from = utf8.index(utf8.startIndex, offsetBy: starts[index])
    let to = utf8.index(utf8.startIndex, offsetBy: end)
    return text[from..<to]
  }
}
