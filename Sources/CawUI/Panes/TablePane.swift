/// Draws a titled table with a header row and a selectable window of rows.
struct TablePane {
  /// The columns.
  var columns: [TableColumn]
  /// The rows: one styled cell per column.
  var rows: [[Span]]
  /// Cursor and scroll.
  var scroll: ScrollState
  /// Whether the pane has focus.
  var focused: Bool

  /// Draws header and rows into `area` (the title row is drawn by the caller).
  func render(into grid: inout CellGrid, area: Rect) {
    guard !area.isEmpty else { return }
    let places = TableColumn.place(columns, total: area.width)
    for (column, place) in zip(columns, places) {
      let title = column.right ? Truncate.right(column.title, place.width) : Truncate.fit(column.title, place.width)
      grid.put(title, column: area.x + place.x, row: area.y, maxWidth: place.width, role: .header, clip: area)
    }
    for line in 0..<max(area.height - 1, 0) {
      let index = scroll.offset + line
      guard rows.indices.contains(index) else { break }
      let y = area.y + 1 + line
      for (cell, (column, place)) in zip(rows[index], zip(columns, places)) {
        let text = column.right ? Truncate.right(cell.text, place.width) : Truncate.fit(cell.text, place.width)
        grid.put(text, column: area.x + place.x, row: y, maxWidth: place.width, role: cell.role, clip: area)
      }
      if index == scroll.cursor {
        grid.restyle(
          Rect(x: area.x, y: y, width: area.width, height: 1), role: focused ? .selectionFocused : .selection)
      }
    }
  }
}
