import CawCore
import CawUI
import Testing

/// Every screen at sizes too small to be useful: nothing crashes, nothing is drawn outside the grid.
@Suite("Degenerate sizes")
struct DegenerateSizeTests {
  static let sizes = [
    Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 20, height: 5), Size(width: 3, height: 40),
  ]

  /// The key presses that open each screen of the app.
  static let journeys: [[Key]] = [
    [], [.enter], [.tab, .tab], [.character("?")], [.down, .enter, .enter],
    [.down, .enter, .enter, .character("G"), .enter],
  ]

  @Test(arguments: sizes) func everyScreenRenders(size: Size) throws {
    for keys in Self.journeys {
      var app = try AppHarness.demo(size)
      for key in keys { try app.press(key) }
      let frame = app.frame
      #expect(frame.size == size)
      #expect(frame.text.split(separator: "\n", omittingEmptySubsequences: false).count == max(size.height, 1))
      for row in 0..<size.height {
        #expect(DisplayWidth.of(frame.rowText(row)) == size.width, "row \(row) of \(keys) at \(size)")
      }
    }
  }

  @Test func twentyByFiveStillShowsTheList() throws {
    let app = try AppHarness.demo(Size(width: 20, height: 5))
    #expect(
      app.frame.text == """
         caw-tui  Sessions  
        ─ Sessions  7/7 ·…──
          STARTED     COST …
        ○ 10m ago    $0.02 …
        ? help  q quit      
        """)
  }
}
