import Glibc

/// A tool output that a view's read left in `trajectory.json` (``TextBudget/deferredFrom``): where it lies
/// in the file and what a view needs without it. The call's `output` then holds only its head; ``read(limit:)``
/// reads the rest when it is shown, as long as the file is still the one it was found in.
public struct DeferredText: Sendable, Hashable {
  /// The file the text lies in.
  public let path: String
  /// Where the string's escaped content lies in the file.
  public let range: Range<Int>
  /// The file's identity when the text was found in it (inode, size, modification time), so a file
  /// rewritten since is never read at the old place.
  let stamp: [Int64]
  /// The decoded text's length in UTF-8 bytes.
  public let byteCount: Int
  /// Its lines: newlines, and a last line without one.
  public let lineCount: Int

  init(path: String, range: Range<Int>, stamp: [Int64], byteCount: Int, lineCount: Int) {
    self.path = path
    self.range = range
    self.stamp = stamp
    self.byteCount = byteCount
    self.lineCount = lineCount
  }

  /// The whole text, or its first `limit` bytes followed by a note of what is left out.
  ///
  /// - Throws: ``CawError`` when the file cannot be read, or was rewritten since (read the session again).
  public func read(limit: Int = TextBudget.display.perString) throws(CawError) -> String {
    let read = try opened().text(0, limit: limit)
    return read.omittedBytes > 0 ? read.text + TextBudget.omissionNote(read.omittedBytes) : read.text
  }

  /// Whether the text, lowercased, holds `needle` (already lowercased), read in pieces and never held whole.
  ///
  /// - Throws: ``CawError`` when the file cannot be read, or was rewritten since.
  public func holds(lowercased needle: String) throws(CawError) -> Bool {
    try opened().holds(0, lowercased: needle)
  }

  /// The file opened to read the text back (string 0), when it is still the one the text was found in.
  private func opened() throws(CawError) -> ContentStrings {
    let strings = try ContentStrings(path: path, ranges: [range], marker: ContentMarker())
    guard strings.stamp == stamp else {
      throw CawError(.io, "\(path) changed since the session was read; it is read again", path: path)
    }
    return strings
  }
}
