/// Which characters a terminal would act on instead of showing.
enum TerminalSafety {
  /// The C0 controls (but tab, and newline when `newlines` is set), DEL, C1 controls and bidi controls in `text`.
  static func rawCharacters(in text: String, newlines: Bool) -> [Unicode.Scalar] {
    text.unicodeScalars.filter { scalar in
      switch scalar.value {
      case 0x09: return false
      case 0x0A: return !newlines
      case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
      default: return false
      }
    }
  }
}
