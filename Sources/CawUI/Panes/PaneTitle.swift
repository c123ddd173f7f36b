import CawCore

/// The one-row title of a pane: its name, then details, on a rule; optionally a note at the right end.
enum PaneTitle {
  /// Draws `name`, `detail` and `trailing` across the top row of `area`.
  static func render(
    _ name: String, detail: String, trailing: String = "", focused: Bool, into grid: inout CellGrid, area: Rect
  ) {
    render(name, parts: [TitlePart(detail)], trailing: trailing, focused: focused, into: &grid, area: area)
  }

  /// Draws `name`, as many of `parts` as fit (see ``TitlePart/fitted(_:width:)``) and `trailing`.
  static func render(
    _ name: String, parts: [TitlePart], trailing: String = "", focused: Bool, into grid: inout CellGrid, area: Rect
  ) {
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    grid.put(
      String(repeating: "─", count: area.width), column: area.x, row: area.y, maxWidth: area.width, role: .border,
      clip: row)
    var right = area.maxX - 1
    if !trailing.isEmpty, DisplayWidth.of(trailing) + 2 < area.width / 2 {
      right -= DisplayWidth.of(trailing) + 2
      grid.put(
        " " + trailing + " ", column: right, row: area.y, maxWidth: area.maxX - right, role: .paneTitle, clip: row)
    }
    let used = grid.put(
      [Span(" \(name) ", focused ? .paneTitleFocused : .paneTitle)], column: area.x + 1, row: area.y,
      maxWidth: right - area.x - 1, clip: row)
    let room = right - (area.x + 1 + used) - 1
    let detail = TitlePart.fitted(parts, width: room - 2)
    if !detail.isEmpty, room > 2 {
      grid.put(
        Truncate.fit(" " + detail + " ", room), column: area.x + 1 + used, row: area.y, maxWidth: room, role: .dim,
        clip: row)
    }
  }
}
