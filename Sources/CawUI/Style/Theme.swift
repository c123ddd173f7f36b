/// Maps every style role to a look.
///
/// Only the eight ANSI colours are used, so 8-colour terminals work.
public struct Theme: Hashable, Sendable {
  /// The theme's name, as `--theme` takes it.
  public var name: String
  private var styles: [StyleRole: CellStyle]

  /// Creates a theme; roles left out look plain.
  public init(name: String, styles: [StyleRole: CellStyle]) {
    self.name = name
    self.styles = styles
  }

  /// The look of a role.
  public func style(_ role: StyleRole) -> CellStyle { styles[role] ?? .plain }

  /// Whether the theme uses any colour.
  public var usesColor: Bool {
    styles.values.contains { $0.foreground != .terminalDefault || $0.background != .terminalDefault }
  }

  /// Colours on the terminal's own background.
  public static let standard = Theme(
    name: "default",
    styles: [
      .dim: CellStyle(dim: true),
      .titleBar: CellStyle(.black, on: .cyan),
      .paneTitleFocused: CellStyle(.cyan, bold: true),
      .paneTitle: CellStyle(dim: true),
      .header: CellStyle(.blue, bold: true),
      .selectionFocused: CellStyle(.black, on: .cyan),
      .selection: CellStyle(reverse: true),
      .key: CellStyle(.yellow, bold: true),
      .footer: CellStyle(),
      .statusRunning: CellStyle(.green, bold: true),
      .statusUnfinished: CellStyle(.yellow),
      .statusFinished: CellStyle(.green),
      .statusLimited: CellStyle(.magenta),
      .error: CellStyle(.red, bold: true),
      .cost: CellStyle(.yellow),
      .bar: CellStyle(.cyan),
      .userMessage: CellStyle(.blue, bold: true),
      .thinking: CellStyle(.magenta, dim: true),
      .toolName: CellStyle(.cyan, bold: true),
      .diffAdded: CellStyle(.green),
      .diffRemoved: CellStyle(.red),
      .diffHeader: CellStyle(.cyan, bold: true),
      .match: CellStyle(.black, on: .yellow),
      .prompt: CellStyle(.yellow, bold: true),
      .border: CellStyle(dim: true),
    ])

  /// No colour at all: attributes only (for `NO_COLOR` and terminals without colour).
  public static let monochrome = Theme(
    name: "mono",
    styles: [
      .dim: CellStyle(dim: true),
      .titleBar: CellStyle(reverse: true),
      .paneTitleFocused: CellStyle(bold: true, underline: true),
      .paneTitle: CellStyle(dim: true),
      .header: CellStyle(bold: true),
      .selectionFocused: CellStyle(reverse: true),
      .selection: CellStyle(underline: true),
      .key: CellStyle(bold: true),
      .statusRunning: CellStyle(bold: true),
      .error: CellStyle(bold: true, underline: true),
      .userMessage: CellStyle(bold: true),
      .thinking: CellStyle(dim: true),
      .toolName: CellStyle(bold: true),
      .diffRemoved: CellStyle(dim: true),
      .diffAdded: CellStyle(bold: true),
      .diffHeader: CellStyle(underline: true),
      .match: CellStyle(reverse: true),
      .prompt: CellStyle(bold: true),
      .border: CellStyle(dim: true),
    ])

  /// The theme to use: `requested` by name, else monochrome when `NO_COLOR` is set and not empty, else the default.
  public static func select(requested: String?, environment: [String: String]) -> Theme? {
    guard let requested else { return (environment["NO_COLOR"] ?? "").isEmpty ? .standard : .monochrome }
    return [standard, monochrome].first { $0.name == requested || (requested == "monochrome" && $0.name == "mono") }
  }
}
