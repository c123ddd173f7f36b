/// A cursor in a list of rows and the first row shown.
public struct ScrollState: Hashable, Sendable {
  /// The selected row.
  public var cursor = 0
  /// The first row shown.
  public var offset = 0

  /// At the top.
  public init() {}

  /// Moves the cursor by `delta` within `count` rows and scrolls so it stays within `visible` rows.
  public mutating func move(by delta: Int, count: Int, visible: Int) {
    cursor = count == 0 ? 0 : min(max(cursor + delta, 0), count - 1)
    reveal(count: count, visible: visible)
  }

  /// Puts the cursor on `row` (clamped) and scrolls to it.
  public mutating func select(_ row: Int, count: Int, visible: Int) {
    cursor = 0
    move(by: row, count: count, visible: visible)
  }

  /// Scrolls the least amount that shows the cursor, and never past the end.
  public mutating func reveal(count: Int, visible: Int) {
    cursor = count == 0 ? 0 : min(max(cursor, 0), count - 1)
    let visible = max(visible, 1)
    if cursor < offset { offset = cursor }
    if cursor >= offset + visible { offset = cursor - visible + 1 }
    offset = max(min(offset, count - visible), 0)
  }
}

extension ScrollState {
  /// Scrolls the view by `delta` rows without a visible cursor (the cursor follows the top row).
  public mutating func scroll(by delta: Int, count: Int, visible: Int) {
    let visible = max(visible, 1)
    let lastOffset = max(count - visible, 0)
    offset = min(max(offset + max(min(delta, Int.max / 4), -Int.max / 4), 0), lastOffset)
    cursor = offset
  }
}
