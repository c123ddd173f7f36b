/// Cuts a one-line snippet around the first match in a field's text (its matches found by
/// ``MatchRanges``), safe to print.
struct SearchSnippet: Equatable {
  /// Marks the start of a match in the window cut (a private-use character).
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

  /// The snippet of a field's `text` around its first match; `matches` are the matches' UTF-8 byte
  /// ranges in it, in order (at least those near the first). Nil when there is none.
  init?(text: String, matches: [Range<Int>]) {
    var source = text
    let found: (offset: Int, line: Int, match: String, window: String, cutStart: Bool, cutEnd: Bool)? = source.withUTF8 { bytes in
      guard let first = matches.first, first.lowerBound >= 0, first.upperBound <= bytes.count else { return nil }
      let start = first.lowerBound
      let match = String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self)
      let line = bytes[..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      // A window of bytes around the match (wide enough for the characters kept), on character boundaries,
      // with the matches in it marked.
      var lower = max(0, start - Self.before * 4)
      while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
      var upper = min(bytes.count, start + Self.after * 4 + 64)
      while upper < bytes.count, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
      var window = ""
      var at = lower
      for range in matches where range.lowerBound >= at && range.upperBound <= upper {
        window += String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<range.lowerBound]), as: UTF8.self)
        window += Self.open + String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) + Self.close
        at = range.upperBound
      }
      window += String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<upper]), as: UTF8.self)
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
}
