/// A framed, filled box with a title on its top edge, as the help and dialog overlays draw it.
enum BoxFrame {
  /// Clears `box`, draws its frame and puts `title` on the top edge.
  static func draw(_ box: Rect, title: String, into grid: inout CellGrid) {
    let width = box.width
    grid.fill(box)
    grid.put("┌" + String(repeating: "─", count: width - 2) + "┐", column: box.x, row: box.y, maxWidth: width, role: .border)
    for y in box.y + 1..<box.maxY - 1 {
      grid.put("│", column: box.x, row: y, maxWidth: 1, role: .border)
      grid.put("│", column: box.maxX - 1, row: y, maxWidth: 1, role: .border)
    }
    grid.put(
      "└" + String(repeating: "─", count: width - 2) + "┘", column: box.x, row: box.maxY - 1, maxWidth: width,
      role: .border)
    grid.put(" \(title) ", column: box.x + 2, row: box.y, maxWidth: width - 4, role: .paneTitleFocused)
  }
}
