import CJSONScan
/// Makes session text safe to print on a terminal: nothing in it can move the cursor, change the title,
/// write the clipboard or reorder text.
///
/// ESC and every other C0 control become their visible Control Pictures (`␛`, `␇`, …) so an escape
/// sequence shows as harmless text (`␛[2J`); C1 controls (U+0080–U+009F) and bidi overrides or isolates
/// are shown as `<U+XXXX>`. Tabs and (in multi-line mode) newlines are kept.
public enum TextSanitizer {
  /// Neutralises controls and keeps line breaks and tabs.
  public static func multiLine(_ text: String) -> String {
    sanitize(text, keepNewlines: true)
  }

  /// Neutralises controls, shows line breaks as `⏎`, and cuts to `limit` characters with `…`.
  public static func singleLine(_ text: String, limit: Int = .max) -> String {
    if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) {  // printable ASCII: one character per byte
      return text.utf8.count <= limit ? text : String(text.utf8.prefix(max(limit - 1, 0)))! + "…"
    }
    let clean = sanitize(text, keepNewlines: false)
    guard clean.count > limit else { return clean }
    return String(clean.prefix(max(limit - 1, 0))) + "…"
  }

  /// Collapses runs of whitespace to one space and neutralises controls: a one-line preview.
  public static func preview(_ text: String, limit: Int) -> String {
    let collapsed =
      text.utf8.allSatisfy({ $0 < 0x80 })
      ? collapsingASCIIWhitespace(text)
      : text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    return singleLine(collapsed, limit: limit)
  }

  /// ASCII `text` with each run of spaces and `\t\n\v\f\r` made one space and none at the ends, in one pass.
  private static func collapsingASCIIWhitespace(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      if byte == 0x20 || (byte &- 0x09) < 5 {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(0x20) }
        pendingSpace = false
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether `text` would be changed by sanitising (it holds controls or bidi overrides).
  public static func needsSanitizing(_ text: String) -> Bool {
    text.unicodeScalars.contains { replacement(for: $0, keepNewlines: true) != nil }
  }

  private static func sanitize(_ text: String, keepNewlines: Bool) -> String {
    // Printable ASCII (all of a JSON listing) needs no look at its scalars.
    if text.utf8.withContiguousStorageIfAvailable({ isPrintableASCII($0, keepNewlines: keepNewlines) }) == true { return text }
    guard text.unicodeScalars.contains(where: { replacement(for: $0, keepNewlines: keepNewlines) != nil })
    else { return text }
    // Built as UTF-8 bytes: appending to a `String.UnicodeScalarView` copies the whole string each time,
    // which made a megabyte of coloured build log take seconds.
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + text.utf8.count / 4)
    for scalar in text.unicodeScalars {
      if let replacement = replacement(for: scalar, keepNewlines: keepNewlines) {
        out.append(contentsOf: replacement.utf8)
      } else {
        out.append(contentsOf: UTF8.encode(scalar)!)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether every byte is printable ASCII, a tab, or (when kept) a newline: text the sanitiser leaves
  /// as it is.
  public static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return caw_is_printable_ascii(base, bytes.count, keepNewlines ? 1 : 0) != 0
  }

  private static func replacement(for scalar: Unicode.Scalar, keepNewlines: Bool) -> String? {
    let v = scalar.value
    switch v {
    case 0x09: return nil
    case 0x0A: return keepNewlines ? nil : "⏎"
    case 0x0D: return keepNewlines ? "" : "⏎"
    case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!)
    case 0x7F: return "␡"
    case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
      return "<U+\(String(v, radix: 16, uppercase: true).leftPadded(to: 4))>"
    default: return nil
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
