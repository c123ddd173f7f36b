import CawUI
import Testing

/// Whole screens: the demo tree, keys, the rendered grid as text, at 80x24 and 160x48.
@Suite("Whole-screen snapshots")
struct AppSnapshotTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

  @Test(arguments: sizes) func sessionList(size: Size) throws {
    let app = try AppHarness.demo(size)
    assertSnapshot(app.frame.snapshot, named: "sessionList-\(size)")
  }

  @Test(arguments: sizes) func timelineOfAFinishedSession(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter)
    assertSnapshot(app.frame.snapshot, named: "timeline-\(size)")
  }

  @Test(arguments: sizes) func transcriptOfATurn(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    assertSnapshot(app.frame.snapshot, named: "transcript-\(size)")
  }

  @Test(arguments: sizes) func toolCallWithADiff(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    try app.type("/Edit")
    try app.press(.enter, .enter)
    assertSnapshot(app.frame.snapshot, named: "toolCallDiff-\(size)")
  }

  @Test(arguments: sizes) func costPane(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .tab, .tab)
    assertSnapshot(app.frame.snapshot, named: "cost-\(size)")
  }

  @Test(arguments: sizes) func help(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.character("?"))
    assertSnapshot(app.frame.snapshot, named: "help-\(size)")
  }

  @Test(arguments: sizes) func nestedSubagentSession(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .down, .down, .enter, .enter)
    try app.type("/code_reviewer")
    try app.press(.enter, .enter, .enter)
    assertSnapshot(app.frame.snapshot, named: "subagent-\(size)")
  }

  @Test(arguments: sizes) func searchEverySession(size: Size) throws {
    var app = try AppHarness.demo(size)
    try app.press(.character("S"))
    try app.type("test*")
    try app.press(.down)
    assertSnapshot(app.frame.snapshot, named: "finder-\(size)")
  }
}
