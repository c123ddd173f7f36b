import CawCore
import Testing

@testable import CawUI

/// Panes drawn on their own into small grids, with the expected rows written out.
@Suite("Panes on their own")
struct PaneTests {
  @Test func tableShowsAWindowOfRowsWithTheSelection() {
    var grid = CellGrid(size: Size(width: 20, height: 4))
    var scroll = ScrollState()
    scroll.select(2, count: 4, visible: 3)
    let table = TablePane(
      columns: [TableColumn(title: "#", width: 2, right: true), TableColumn(title: "NAME", width: 0)],
      rows: (0..<4).map { [Span("\($0)"), Span(["alpha", "β-ray", "日本語の名前", "delta"][$0])] },
      scroll: scroll, focused: true)
    table.render(into: &grid, area: Rect(x: 0, y: 0, width: 20, height: 4))
    #expect(
      grid.text == """
         # NAME             
         0 alpha            
         1 β-ray            
         2 日本語の名前     
        """)
    #expect(grid[0, 3].role == .selectionFocused)
    #expect(grid[19, 3].role == .selectionFocused)
    #expect(grid[0, 2].role == .normal)
  }

  @Test func aCutWideCharacterLeavesNoGarbageAtThePaneEdge() {
    var grid = CellGrid(size: Size(width: 12, height: 2))
    let table = TablePane(
      columns: [TableColumn(title: "T", width: 0)], rows: [[Span("日本語テキスト")]], scroll: ScrollState(), focused: false)
    table.render(into: &grid, area: Rect(x: 2, y: 0, width: 6, height: 2))
    #expect(grid.rowText(0) == "  T         ")
    #expect(grid.rowText(1) == "  日本…     ")
    #expect(grid[7, 1].role == .selection)
    #expect(grid[8, 1] == .blank)
  }

  @Test func documentHighlightsSearchMatches() {
    var grid = CellGrid(size: Size(width: 16, height: 3))
    let lines = [DocumentLine([Span("run pytest now")]), DocumentLine([Span("no match")])]
    DocumentPane(
      lines: lines, scroll: ScrollState(), showsCursor: false, focused: true,
      search: Search(query: "PYTEST", matches: [0])
    )
    .render(title: "Doc", detail: "", into: &grid, area: Rect(x: 0, y: 0, width: 16, height: 3))
    #expect(grid.rowText(0) == "─ Doc ──────────")
    #expect(grid.rowText(1) == "run pytest now  ")
    #expect((0..<16).filter { grid[$0, 1].role == .match } == Array(4...9))
  }

  @Test func paneTitleKeepsTheTrailingNoteAndCutsTheDetail() {
    var grid = CellGrid(size: Size(width: 40, height: 1))
    PaneTitle.render(
      "Cost", detail: "a very long detail that cannot fit", trailing: "[Cost] A B", focused: true, into: &grid,
      area: Rect(x: 0, y: 0, width: 40, height: 1))
    #expect(grid.rowText(0) == "─ Cost  a very long detai…─ [Cost] A B ─")
    #expect(grid[2, 0].role == .paneTitleFocused)
  }

  @Test func helpOverlayStaysInsideItsArea() {
    var grid = CellGrid(size: Size(width: 30, height: 8))
    let area = Rect(x: 2, y: 1, width: 26, height: 6)
    HelpOverlay.render(.standard, context: .toolCall, into: &grid, area: area)
    for row in 0..<8 {
      for column in 0..<30 where !area.contains(column: column, row: row) {
        #expect(grid[column, row] == .blank, "drawn outside the area at \(column),\(row)")
      }
    }
    #expect(grid.rowText(1).contains("Keys: Tool call"))
    #expect(grid.rowText(6).contains("any key closes"))
  }
}
