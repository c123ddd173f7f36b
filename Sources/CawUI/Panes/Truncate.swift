import CawCore

/// Cuts text to a display width, ending in `…` when something was cut.
enum Truncate {
  /// `text` in at most `width` cells.
  static func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    guard DisplayWidth.of(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let w = DisplayWidth.of(character)
      if used + w > width - 1 { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }

  /// `text` right-aligned in `width` cells.
  static func right(_ text: String, _ width: Int) -> String {
    let fitted = fit(text, width)
    return String(repeating: " ", count: max(width - DisplayWidth.of(fitted), 0)) + fitted
  }
}
