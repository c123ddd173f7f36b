import CNCursesW
import CawUI

/// Turns style roles into curses attributes and colour pairs, allocating pairs lazily from the theme.
struct ColorPairs {
  private let theme: Theme
  private let usesColor: Bool
  private var pairs: [PairColors: Int16] = [:]
  private var cache: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]

  /// Foreground and background of one pair.
  private struct PairColors: Hashable {
    var foreground: Int16
    var background: Int16
  }

  /// `theme` drawn with colours when the terminal has them, with attributes alone otherwise.
  init(theme: Theme, terminalHasColors: Bool) {
    self.theme = terminalHasColors ? theme : .monochrome
    usesColor = terminalHasColors && theme.usesColor
  }

  /// The attributes and pair number for `role`.
  mutating func look(_ role: StyleRole) -> (attributes: attr_t, pair: Int16) {
    if let known = cache[role] { return known }
    let style = theme.style(role)
    var attributes = attr_t(0)
    if style.bold { attributes |= CNCursesW_A_BOLD() }
    if style.reverse { attributes |= CNCursesW_A_REVERSE() }
    if style.underline { attributes |= CNCursesW_A_UNDERLINE() }
    if style.dim { attributes |= CNCursesW_A_DIM() }
    var pair: Int16 = 0
    if usesColor && (style.foreground != .terminalDefault || style.background != .terminalDefault) {
      let colors = PairColors(
        foreground: Int16(style.foreground.rawValue), background: Int16(style.background.rawValue))
      if let existing = pairs[colors] {
        pair = existing
      } else if pairs.count + 1 < Int(CNCursesW_COLOR_PAIRS()) {
        pair = Int16(pairs.count + 1)
        init_pair(pair, colors.foreground, colors.background)
        pairs[colors] = pair
      }
    }
    cache[role] = (attributes, pair)
    return (attributes, pair)
  }
}
