/// The eight ANSI colours every colour terminal has, plus the terminal's own default.
public enum TerminalColor: Int, Hashable, Sendable, CaseIterable {
  /// The terminal's default foreground or background.
  case terminalDefault = -1
  /// ANSI black.
  case black = 0
  /// ANSI red.
  case red
  /// ANSI green.
  case green
  /// ANSI yellow.
  case yellow
  /// ANSI blue.
  case blue
  /// ANSI magenta.
  case magenta
  /// ANSI cyan.
  case cyan
  /// ANSI white.
  case white
}
