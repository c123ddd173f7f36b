import GRDB

/// The search index's tokenizer: SQLite's `unicode61` (words of letters and digits, case and accents
/// folded), except that Chinese, Japanese and Korean characters are words of their own.
///
/// `unicode61` takes a run of CJK characters, which are written without spaces, as one word, so
/// `日本語` would not be found in `README を日本語に翻訳して`. Here each such character is a token, and a
/// query's `日本語` is the phrase of its three characters in a row. Offsets stay those of the text, so
/// `highlight()` marks the right characters.
final class WordTokenizer: FTS5CustomTokenizer {
  static let name = "caw_words"
  private let wrapped: any FTS5Tokenizer

  init(db: Database, arguments: [String]) throws {
    wrapped = try db.makeTokenizer(.unicode61(diacritics: .remove))
  }

  /// What the callback below needs: the caller's callback and context, and the text.
  private struct Split {
    var context: UnsafeMutableRawPointer?
    var callback: FTS5TokenCallback
    var text: UnsafePointer<UInt8>
  }

  func tokenize(
    context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?, nText: CInt,
    tokenCallback: @escaping FTS5TokenCallback
  ) -> CInt {
    guard let pText else { return 0 }
    var split = Split(context: context, callback: tokenCallback, text: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self))
    return withUnsafeMutablePointer(to: &split) { pointer in
      wrapped.tokenize(context: pointer, tokenization: tokenization, pText: pText, nText: nText) { context, flags, token, count, start, end in
        let split = context!.assumingMemoryBound(to: Split.self).pointee
        // Only a word with a byte that can start a CJK character (U+3040 and up: E3…ED, EF, F0) is split.
        var i = Int(start)
        var hasCJK = false
        while i < Int(end) {
          let byte = split.text[i]
          if byte >= 0xE3 && byte <= 0xED || byte == 0xEF || byte == 0xF0 {
            hasCJK = true
            break
          }
          i += 1
        }
        guard hasCJK else { return split.callback(split.context, flags, token, count, start, end) }
        return WordTokenizer.splitCJK(split, flags: flags, start: Int(start), end: Int(end))
      }
    }
  }

  /// Emits the word `text[start..<end]` as its CJK characters one by one and the runs between them.
  private static func splitCJK(_ split: Split, flags: CInt, start: Int, end: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: split.text + start, count: end - start)
    var runStart: Int?
    var rc: CInt = 0
    func emitRun(_ from: Int, _ to: Int) {
      guard rc == 0, from < to else { return }
      let folded = Array(String(decoding: bytes[from..<to], as: UTF8.self).lowercased().utf8)
      folded.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          rc = split.callback(split.context, flags, $0.baseAddress, CInt($0.count), CInt(start + from), CInt(start + to))
        }
      }
    }
    var i = 0
    while i < bytes.count && rc == 0 {
      let length = utf8Length(bytes[i])
      let next = min(i + length, bytes.count)
      if isCJK(scalarAt: i, in: bytes, length: next - i) {
        if let run = runStart { emitRun(run, i) }
        runStart = nil
        guard rc == 0 else { break }
        rc = split.callback(
          split.context, flags, UnsafeRawPointer(bytes.baseAddress! + i).assumingMemoryBound(to: CChar.self), CInt(next - i),
          CInt(start + i), CInt(start + next))
      } else if runStart == nil {
        runStart = i
      }
      i = next
    }
    if let run = runStart { emitRun(run, bytes.count) }
    return rc
  }

  private static func utf8Length(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  private static func isCJK(scalarAt i: Int, in bytes: UnsafeBufferPointer<UInt8>, length: Int) -> Bool {
    guard length >= 3 else { return false }
    var value = UInt32(bytes[i] & (length == 3 ? 0x0F : 0x07))
    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
    return isCJK(value)
  }

  /// Whether a scalar is a Han ideograph, kana or Hangul syllable.
  static func isCJK(_ value: UInt32) -> Bool {
    switch value {
    case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
      0xFF66...0xFF9F, 0x20000...0x3FFFF:
      return true
    default: return false
    }
  }
}
