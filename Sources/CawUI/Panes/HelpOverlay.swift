import CawCore

/// The `?` overlay: every binding of the current context, read from the keymap; in two or more columns
/// when they do not fit one below the other.
enum HelpOverlay {
  /// Draws a framed box of the bindings for `context` in the middle of `area`.
  static func render(_ keymap: Keymap, context: KeyContext, into grid: inout CellGrid, area: Rect) {
    let bindings = keymap.bindings(in: context)
    guard !bindings.isEmpty else { return }
    let keyWidth = min(bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 0, 16)
    let helpWidth = bindings.map { DisplayWidth.of($0.help) }.max() ?? 0
    let rowsAvailable = max(area.height - 4, 1)
    let columns = min((bindings.count + rowsAvailable - 1) / rowsAvailable, max(area.width / 24, 1))
    let rows = (bindings.count + columns - 1) / columns
    let columnWidth = min(keyWidth + helpWidth + 4, max((area.width - 2) / columns, 1))
    let width = min(columnWidth * columns + 2, area.width)
    let height = min(rows + 4, area.height)
    guard width >= 4, height >= 3 else { return }
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    BoxFrame.draw(box, title: "Keys: \(context.title)", into: &grid)
    let inner = box.inset(1)
    for (n, binding) in bindings.enumerated() {
      let (column, row) = (n / rows, n % rows)
      let y = inner.y + 1 + row
      let x = inner.x + 1 + column * columnWidth
      guard y < inner.maxY else { continue }
      grid.put(Truncate.fit(binding.keyLabel, keyWidth), column: x, row: y, maxWidth: keyWidth, role: .key, clip: inner)
      let room = columnWidth - keyWidth - 3
      grid.put(Truncate.fit(binding.help, max(room, 0)), column: x + keyWidth + 2, row: y, maxWidth: room, clip: inner)
    }
    if height > 3 {
      grid.put(" any key closes ", column: box.maxX - 18, row: box.maxY - 1, maxWidth: 16, role: .dim, clip: box)
    }
  }
}
