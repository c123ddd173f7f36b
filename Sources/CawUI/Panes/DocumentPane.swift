import CawCore

/// A titled, scrollable document: transcript, tool call or cost report.
struct DocumentPane {
  /// The rows.
  var lines: [DocumentLine]
  /// Cursor and scroll.
  var scroll: ScrollState
  /// Whether the cursor row is highlighted (the transcript, where Enter opens the tool call under it).
  var showsCursor: Bool
  /// Whether the pane has focus.
  var focused: Bool
  /// The search whose matches are highlighted.
  var search: Search?

  /// Draws rows into `area` below a title row (`title`, `detail`, `trailing` at the right end).
  func render(title: String, detail: String, trailing: String = "", into grid: inout CellGrid, area: Rect) {
    var detail = detail
    if lines.count > area.height - 1, area.height > 1 {
      detail += (detail.isEmpty ? "" : " · ") + "\(min(scroll.offset + area.height - 1, lines.count))/\(lines.count)"
    }
    PaneTitle.render(title, detail: detail, trailing: trailing, focused: focused, into: &grid, area: area)
    let body = area.splitTop(1).rest
    let matches = Set(search?.matches ?? [])
    for n in 0..<body.height {
      let index = scroll.offset + n
      guard lines.indices.contains(index) else { break }
      let y = body.y + n
      grid.put(lines[index].spans, column: body.x, row: y, maxWidth: body.width, clip: body)
      let width = lines[index].spans.reduce(0) { $0 + DisplayWidth.of(CellGrid.displayable($1.text)) }
      if width > body.width, body.width > 1 {
        grid.put("…", column: body.maxX - 1, row: y, maxWidth: 1, role: .dim, clip: body)  // a row cut at the edge
      }
      if showsCursor && index == scroll.cursor {
        grid.restyle(
          Rect(x: body.x, y: y, width: body.width, height: 1), role: focused ? .selectionFocused : .selection)
      }
      if let query = search?.query, matches.contains(index) {
        highlight(query, in: lines[index].text, row: y, area: body, grid: &grid)
      }
    }
  }

  /// Restyles each occurrence of `query` in the row drawn from `text`.
  private func highlight(_ query: String, in text: String, row: Int, area: Rect, grid: inout CellGrid) {
    let characters = Array(CellGrid.displayable(text))
    let needle = Array(query.lowercased())
    guard !needle.isEmpty, characters.count >= needle.count else { return }
    let lowered = characters.map { Character($0.lowercased()) }
    var columns: [Int] = []
    var x = area.x
    for character in characters {
      columns.append(x)
      x += DisplayWidth.of(character)
    }
    columns.append(x)
    var start = 0
    while start + needle.count <= lowered.count {
      if Array(lowered[start..<start + needle.count]) == needle {
        let from = columns[start]
        grid.restyle(
          Rect(x: from, y: row, width: min(columns[start + needle.count], area.maxX) - from, height: 1), role: .match)
        start += needle.count
      } else {
        start += 1
      }
    }
  }
}
