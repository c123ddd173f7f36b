/// Finds the first match in a field's text as FTS5's `highlight()` marked it, and cuts a one-line
/// snippet around it that is safe to print.
struct SearchSnippet: Equatable {
  /// Marks the start of a match in highlighted text (a private-use character).
  static let open = "\u{E000}"
  /// Marks the end of a match.
  static let close = "\u{E001}"

  /// Characters of context kept before the first match.
  static let before = 48
  /// Characters kept from the first match on.
  static let after = 140

  /// The first match's offset in the unmarked text, in UTF-8 bytes.
  var offset: Int
  /// Its line, 0-based.
  var line: Int
  /// The matched text.
  var match: String
  /// The snippet: whitespace runs as one space, controls shown visibly, `…` where it was cut.
  var text: String
  /// The matches within `text`, as character ranges.
  var highlights: [Range<Int>]

  /// A snippet from its parts.
  init(offset: Int, line: Int, match: String, text: String, highlights: [Range<Int>]) {
    self.offset = offset
    self.line = line
    self.match = match
    self.text = text
    self.highlights = highlights
  }

  /// The snippet of `highlighted` (a field's text with the markers); nil when it holds no match.
  init?(highlighted: String) {
    var source = highlighted
    let found: (offset: Int, line: Int, match: String, window: String, cutStart: Bool, cutEnd: Bool)? = source.withUTF8 { bytes in
      guard let start = Self.marker(0x80, in: bytes, from: 0) else { return nil }
      let end = Self.marker(0x81, in: bytes, from: start + 3) ?? bytes.count
      let match = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 3)..<end]), as: UTF8.self)
      let line = bytes[..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      // A window of bytes around the match (wide enough for the characters kept), on character boundaries.
      var lower = max(0, start - Self.before * 4)
      while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
      var upper = min(bytes.count, start + Self.after * 4 + 64)
      while upper < bytes.count, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
      let window = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
      return (start, line, match, window, lower > 0, upper < bytes.count)
    }
    guard let found else { return nil }
    offset = found.offset
    line = found.line
    match = found.match
    // Keep `before` characters before the first marker and `after` from it, then strip the markers.
    let characters = Array(found.window)
    let markerIndex = characters.firstIndex(of: Character(Self.open)) ?? 0
    let first = max(0, markerIndex - Self.before)
    let last = min(characters.count, markerIndex + Self.after)
    var pieces: [(text: String, isMatch: Bool)] = []
    var current = ""
    var inMatch = false
    var lastWasSpace = true
    for character in characters[first..<last] {
      if character == Character(Self.open) || character == Character(Self.close) {
        if !current.isEmpty { pieces.append((current, inMatch)) }
        current = ""
        inMatch = character == Character(Self.open)
        continue
      }
      if character.isWhitespace {
        if !lastWasSpace { current.append(" ") }
        lastWasSpace = true
      } else {
        current.append(character)
        lastWasSpace = false
      }
    }
    if !current.isEmpty { pieces.append((current, inMatch)) }
    var text = first > 0 || found.cutStart ? "…" : ""
    var length = text.count
    var highlights: [Range<Int>] = []
    for piece in pieces {
      let clean = TextSanitizer.singleLine(piece.text)
      if piece.isMatch {
        highlights.append(length..<length + clean.count)
      }
      text += clean
      length += clean.count
    }
    if last < characters.count || found.cutEnd { text += "…" }
    self.text = text
    self.highlights = highlights
  }

  /// The start of a snippet of plain `text` with no match marked (its first characters).
  static func plain(_ text: String) -> String {
    TextSanitizer.preview(text, limit: before + after)
  }

  /// The byte offset of the first marker (`EE 80 80` opens, `EE 80 81` closes) at or after `start`.
  private static func marker(_ last: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = start
    while i + 2 < bytes.count {
      if bytes[i] == 0xEE && bytes[i + 1] == 0x80 && bytes[i + 2] == last { return i }
      i += 1
    }
    return nil
  }
}
