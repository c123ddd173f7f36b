/// How a role looks: colours and attributes.
public struct CellStyle: Hashable, Sendable {
  /// Foreground colour.
  public var foreground: TerminalColor
  /// Background colour.
  public var background: TerminalColor
  /// Bold text.
  public var bold: Bool
  /// Swapped foreground and background.
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool
  /// Dim text.
  public var dim: Bool

  /// Creates a style.
  public init(
    _ foreground: TerminalColor = .terminalDefault, on background: TerminalColor = .terminalDefault,
    bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  /// The terminal's default look.
  public static let plain = CellStyle()
}
