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

  /// Grapheme clusters of every kind, with the cells each takes.
  static let clusters: [(String, Int)] = [
    ("\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}", 2),  // ZWJ family
    ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", 2),  // 7 scalars
    ("\u{1F1FA}\u{1F1F8}", 2),  // a flag: two regional indicators
    ("\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", 2),  // a tag-sequence flag
    ("\u{1F44D}\u{1F3FD}", 2),  // a skin tone
    ("\u{1F469}\u{1F3FD}\u{200D}\u{1F4BB}", 2),  // skin tone inside a ZWJ sequence
    ("\u{2764}\u{FE0F}", 2),  // emoji presentation by variation selector
    ("\u{2764}\u{FE0E}", 1),  // text presentation
    ("1\u{FE0F}\u{20E3}", 2),  // keycap
    ("e\u{301}", 1),  // combining acute
    ("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", 1),  // more marks than curses holds in a cell
    ("\u{1100}\u{1161}\u{11A8}", 2),  // a Hangul syllable from jamo
  ]

  @Test func aGraphemeClusterStaysWholeInOneCell() {
    for (cluster, width) in Self.clusters {
      var grid = CellGrid(size: Size(width: 6, height: 1))
      let used = grid.put(cluster + "|z", column: 1, row: 0, maxWidth: 5)
      let shown = cluster.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
      #expect(grid[1, 0].text == cluster, "\(shown)")
      #expect(width == 1 || grid[2, 0].isWideTail, "\(shown)")
      #expect(grid[1 + width, 0].text == "|" && grid[2 + width, 0].text == "z", "\(shown): \(grid.rowText(0))")
      #expect(used == width + 2, "\(shown)")
    }
  }

  @Test func aMarkWithNothingToCarryItIsShownOnADottedCircle() {
    var grid = CellGrid(size: Size(width: 4, height: 1))
    grid.put("\u{301}x", column: 0, row: 0, maxWidth: 4)
    #expect(grid[0, 0].text == "\u{25CC}\u{301}")
    #expect(grid[1, 0].text == "x")
    // A put of its own starts with nothing to carry it either, whatever is to its left.
    grid.put("\u{302}", column: 2, row: 0, maxWidth: 2)
    #expect(grid[2, 0].text == "\u{25CC}\u{302}")
    #expect(grid[1, 0].text == "x")
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

  @Test func printableASCIITakesACellPerByteAndOtherBytesTheFullPath() {
    var grid = CellGrid(size: Size(width: 6, height: 2))
    // From left of the grid, cut at the limit: the width used counts the cells left of the grid too.
    #expect(grid.put("abcdefgh", column: -2, row: 0, maxWidth: 7) == 7)
    #expect(grid.rowText(0) == "cdefg ")
    // A tab or DEL sends the text the full way: the tab is four spaces, DEL is shown, here past the limit.
    #expect(grid.put("a\tb\u{7F}", column: 0, row: 1, maxWidth: 6) == 6)
    #expect(grid.rowText(1) == "a    b")
    #expect(grid.put(" \u{7F}", column: 4, row: 1, maxWidth: 2) == 2)
    #expect(grid.rowText(1) == "a    ␡")
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
