import CawUI
import Testing

@Suite("Cell grid: widths, clipping, safety")
struct CellGridTests {
  @Test func wideGraphemeCutAtTheEdgeLeavesABlank() {
    var grid = CellGrid(size: Size(width: 5, height: 1))
    let used = grid.put("コンピ", column: 0, row: 0, maxWidth: 5)
    #expect(grid.rowText(0) == "コン ")
    #expect(used == 5)
    #expect(grid[1, 0].isWideTail)
  }

  @Test func emojiTakeTwoCellsAndCombiningMarksNone() {
    var grid = CellGrid(size: Size(width: 8, height: 1))
    grid.put("a😀e\u{301}b", column: 0, row: 0, maxWidth: 8)
    #expect(grid.rowText(0) == "a😀e\u{301}b   ")
    #expect(grid[3, 0].text == "e\u{301}")
    #expect(grid[4, 0].text == "b")
  }

  @Test func overwritingHalfAWideGraphemeLeavesNoHalfGlyph() {
    var grid = CellGrid(size: Size(width: 4, height: 1))
    grid.put("作作", column: 0, row: 0, maxWidth: 4)
    grid.put("x", column: 1, row: 0, maxWidth: 1)
    #expect(grid.rowText(0) == " x作")
    grid.put("y", column: 2, row: 0, maxWidth: 1)
    #expect(grid.rowText(0) == " xy ")
  }

  @Test func nothingIsDrawnPastTheClipRectangle() {
    var grid = CellGrid(size: Size(width: 10, height: 2))
    grid.put("abcdefghij", column: 2, row: 0, maxWidth: 20, clip: Rect(x: 2, y: 0, width: 4, height: 1))
    grid.put("zz", column: 0, row: 1, maxWidth: 20, clip: Rect(x: 2, y: 0, width: 4, height: 1))
    #expect(grid.rowText(0) == "  abcd    ")
    #expect(grid.rowText(1) == "          ")
  }

  @Test func controlsAreShownVisiblyNeverStored() {
    var grid = CellGrid(size: Size(width: 20, height: 1))
    grid.put("\u{1B}[2J\u{7}\u{9B}x", column: 0, row: 0, maxWidth: 20)
    #expect(grid.rowText(0).hasPrefix("␛[2J␇<U+009B>x"))
    for column in 0..<20 {
      #expect(!grid[column, 0].text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
  }

  @Test func snapshotQuotesRowsAndListsStyleRuns() {
    var grid = CellGrid(size: Size(width: 6, height: 2))
    grid.put("ab", column: 1, row: 1, maxWidth: 2, role: .error)
    #expect(grid.snapshot == "\"      \"\n\" ab   \"\nstyles:\n  1: 1-2 error\n")
  }

  @Test func degenerateGridsAcceptDrawing() {
    var empty = CellGrid(size: Size(width: 0, height: 0))
    #expect(empty.put("abc", column: 0, row: 0, maxWidth: 3) == 0)
    #expect(empty.text == "")
    var one = CellGrid(size: Size(width: 1, height: 1))
    one.put("作", column: 0, row: 0, maxWidth: 5)
    #expect(one.text == " ")
  }
}
