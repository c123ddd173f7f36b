import Glibc
import SystemPackage

/// The content strings a marking skim (``ContentSkimmer``) left in a file, read back one at a time in
/// bounded pieces: decoded exactly as ``JSONParser`` decodes them (escapes, surrogate pairs, invalid
/// UTF-8 replaced by U+FFFD), either into a string of at most some length or re-escaped as Python's
/// `json.dumps` writes it, piece by piece, so a gigabyte of text never sits in memory.
final class ContentStrings {
  /// The file the strings lie in.
  let path: String
  /// Where each string's content lies in the file, by marker index.
  let ranges: [Range<Int>]
  /// The markers standing for the strings in the parsed copy.
  let marker: ContentMarker
  /// The open file's inode, size and modification time (seconds, nanoseconds).
  let stamp: [Int64]
  private let file: FileDescriptor

  /// Opens `path` to read the strings at `ranges` back.
  init(path: String, ranges: [Range<Int>], marker: ContentMarker) throws(CawError) {
    self.path = path
    self.ranges = ranges
    self.marker = marker
    file = try FileSystem.openForReading(path).0
    var st = stat()
    stamp =
      fstat(file.rawValue, &st) == 0
      ? [Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec)] : []
  }

  deinit { try? file.close() }

  /// How many decoded bytes are handed on at a time.
  static let pieceSize = 1 << 16

  /// What ``text(_:limit:)`` read.
  struct Text {
    /// The text: all of it, or its first `limit` bytes (cut between characters).
    var text: String
    /// Bytes of the string's escaped content left unread in the file.
    var omittedBytes: Int
    /// Whether invalid UTF-8 was replaced.
    var sawInvalidUTF8: Bool
  }

  /// The decoded text of string `index`, at most `limit` UTF-8 bytes of it.
  func text(_ index: Int, limit: Int = .max) throws(CawError) -> Text {
    var bytes: [UInt8] = []
    var invalid = false
    let consumed = try decode(index, stopAfter: limit) { piece in
      if String(validating: piece, as: UTF8.self) == nil { invalid = true }
      bytes.append(contentsOf: piece)
    }
    if bytes.count > limit {
      var cut = limit
      while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
      bytes.removeSubrange(cut...)
    }
    let omitted = ranges[index].count - consumed
    return Text(text: String(decoding: bytes, as: UTF8.self), omittedBytes: omitted, sawInvalidUTF8: invalid)
  }

  /// What a view keeps of string `index` when it leaves the rest in the file: its first `head` bytes (cut
  /// between characters), and the whole text's length and lines, read piece by piece and never held.
  func outline(_ index: Int, head: Int) throws(CawError) -> (
    head: String, byteCount: Int, lineCount: Int, sawInvalidUTF8: Bool
  ) {
    var kept: [UInt8] = []
    var byteCount = 0
    var newlines = 0
    var last: UInt8 = 0
    var invalid = false
    try decode(index, stopAfter: .max) { piece in
      if !invalid && String(validating: piece, as: UTF8.self) == nil { invalid = true }
      byteCount += piece.count
      newlines += piece.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
      if let end = piece.last { last = end }
      if kept.count <= head { kept.append(contentsOf: piece.prefix(head + 1 - kept.count)) }
    }
    if kept.count > head {
      var cut = head
      while cut > 0, kept[cut] & 0xC0 == 0x80 { cut -= 1 }
      kept.removeSubrange(cut...)
    }
    let lines = byteCount == 0 ? 0 : last == 10 ? newlines : newlines + 1
    return (String(decoding: kept, as: UTF8.self), byteCount, lines, invalid)
  }

  /// Whether string `index`, lowercased, holds `needle` (lowercased); read piece by piece, never held, and
  /// no further than the first match. Bytes are compared (``TextSearch``), ASCII pieces lowercased byte by byte.
  func holds(_ index: Int, lowercased needle: String) throws(CawError) -> Bool {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty else { return true }
    var found = false
    var window: [UInt8] = []  // the end of the text so far (enough for a match across pieces), then a piece
    try decode(index, stopAfter: .max, until: { found }) { piece in
      window.removeFirst(max(window.count - (pattern.count - 1), 0))
      if piece.allSatisfy({ $0 < 0x80 }) {
        window.append(contentsOf: piece.lazy.map { ($0 &- 0x41) < 26 ? $0 | 0x20 : $0 })
      } else {
        window.append(contentsOf: String(decoding: piece, as: UTF8.self).lowercased().utf8)
      }
      found = window.withUnsafeBytes { text in pattern.withUnsafeBytes { TextSearch.contains(text, $0) } }
    }
    return found
  }

  /// Whether string `index` decodes without replacing invalid UTF-8; read piece by piece, never held.
  func isValidUTF8(_ index: Int) throws(CawError) -> Bool {
    var valid = true
    try decode(index, stopAfter: .max) { piece in
      if valid && String(validating: piece, as: UTF8.self) == nil { valid = false }
    }
    return valid
  }

  /// Writes string `index` (with its quotes) as ``PythonJSONWriter`` writes the decoded text, in pieces.
  func writeEscaped(_ index: Int, to sink: ([UInt8]) throws(CawError) -> Void) throws(CawError) {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    try decode(index, stopAfter: .max) { (piece) throws(CawError) in
      PythonJSONWriter.writeStringContent(String(decoding: piece, as: UTF8.self), into: &out)
      if out.count >= Self.pieceSize {
        try sink(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    out.append(UInt8(ascii: "\""))
    try sink(out)
  }

  /// Decodes string `index` into UTF-8 pieces, each ending before a byte that starts a character (so
  /// decoding the pieces one by one replaces invalid UTF-8 exactly as decoding them whole does); stops
  /// once more than `stopAfter` bytes were handed on, or `done` holds. Returns how many bytes of the file it consumed.
  @discardableResult
  private func decode(
    _ index: Int, stopAfter limit: Int, until done: () -> Bool = { false },
    _ piece: (UnsafeBufferPointer<UInt8>) throws(CawError) -> Void
  ) throws(CawError) -> Int {
    let range = ranges[index]
    var raw: [UInt8] = []  // escaped bytes read and not yet decoded
    var decoded: [UInt8] = []
    var handed = 0
    var offset = range.lowerBound
    var consumed = 0
    let chunk = UnsafeMutableRawBufferPointer.allocate(
      byteCount: min(Self.pieceSize, max(range.count, 1)), alignment: 1)
    defer { chunk.deallocate() }
    func flush(all: Bool) throws(CawError) {
      // Hand on everything before the last character's first byte (all of it at the end).
      var cut = decoded.count
      if !all {
        cut -= 1
        while cut > 0, decoded[cut] & 0xC0 == 0x80 { cut -= 1 }
      }
      guard cut > 0 else { return }
      try decoded.withUnsafeBufferPointer { (buffer) throws(CawError) in
        try piece(UnsafeBufferPointer(rebasing: buffer[..<cut]))
      }
      handed += cut
      decoded.removeSubrange(..<cut)
    }
    while offset < range.upperBound || !raw.isEmpty {
      if offset < range.upperBound {
        let want = min(chunk.count, range.upperBound - offset)
        let n: Int
        do {
          n = try file.read(
            fromAbsoluteOffset: Int64(offset), into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<want]))
        } catch { throw FileSystem.failure("cannot read", path, error) }
        guard n > 0 else { throw CawError(.io, "cannot read \(path): it changed while being read", path: path) }
        raw.append(contentsOf: chunk[..<n])
        offset += n
      }
      let atEnd = offset >= range.upperBound
      let used = Self.decodeEscapes(raw, atEnd: atEnd, into: &decoded)
      consumed += used
      raw.removeSubrange(..<used)
      if decoded.count >= Self.pieceSize || atEnd { try flush(all: atEnd && raw.isEmpty) }
      if handed > limit || done() { return consumed }
      if atEnd && used == 0 && !raw.isEmpty { break }
    }
    try flush(all: true)
    return consumed
  }

  /// Decodes the escapes of `raw` as ``JSONParser`` does, appending UTF-8 to `out`; returns how many bytes
  /// it used (an escape cut off at the end of `raw` waits for more, unless `atEnd`).
  static func decodeEscapes(_ raw: [UInt8], atEnd: Bool, into out: inout [UInt8]) -> Int {
    var i = 0
    while i < raw.count {
      // Plain text up to the next backslash is copied as it is.
      let slash = raw.withUnsafeBufferPointer { buffer -> Int in
        guard let hit = memchr(buffer.baseAddress! + i, 0x5C, buffer.count - i) else { return buffer.count }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.baseAddress!)
      }
      if slash > i {
        raw.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[i..<slash])) }
      }
      guard slash < raw.count else { return raw.count }
      i = slash
      guard i + 1 < raw.count else { return atEnd ? raw.count : i }
      let escape = raw[i + 1]
      switch escape {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        // A high surrogate needs the next escape to decide: wait for it unless the text ends.
        guard let first = hex4(raw, i + 2) else { return atEnd ? raw.count : i }
        var scalar = Unicode.Scalar(first)
        var length = 6
        if (0xD800..<0xDC00).contains(first) {
          if i + 7 < raw.count {
            if raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u") {
              guard let second = hex4(raw, i + 8) else { return atEnd ? raw.count : i }
              if (0xDC00..<0xE000).contains(second) {
                scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                length = 12
              }
            }
          } else if !atEnd {
            return i
          }
        }
        UTF8.encode(scalar ?? "\u{FFFD}") { out.append($0) }
        i += length
        continue
      default: out.append(escape)  // `"`, `\` and `/` stand for themselves
      }
      i += 2
    }
    return raw.count
  }

  private static func hex4(_ raw: [UInt8], _ start: Int) -> UInt32? {
    guard start + 4 <= raw.count else { return nil }
    var value: UInt32 = 0
    for byte in raw[start..<(start + 4)] {
      guard let digit = hexDigitValue(byte) else { return nil }
      value = value << 4 | digit
    }
    return value
  }

  private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }
}
