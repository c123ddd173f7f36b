import CawCore
import CawUI
import Testing

/// Labels that say whose page it is and what is not known.
@Suite("Labels")
struct LabelTests {
  @Test("a turn page opened inside a subagent is titled with the subagent's id, not the parent's")
  func subagentTurnPageNamesTheSubagent() throws {
    var app = try AppHarness.demo(Size(width: 100, height: 30))
    try app.press(.down, .down, .down, .enter, .enter)
    try app.type("/code_reviewer")
    try app.press(.enter, .enter, .enter, .enter)
    guard case .transcript(let path, _) = app.state.page else {
      Issue.record("expected a subagent's transcript, got \(app.state.page)")
      return
    }
    #expect(!path.steps.isEmpty)
    let title = try #require(app.text.split(separator: "\n").dropFirst().first)
    #expect(title.hasPrefix("─ Turn 0  subagent b2c3d4e5"), "\(title)")
    #expect(!title.contains("a1b2c3d4"), "\(title)")
  }

  @Test("a turn with no recorded duration shows – in TIME, not 0ms")
  func unknownDurationIsADash() throws {
    #expect(TurnRow(Turn(input: "x", durationMS: 0), index: 0, inProgress: false).duration == "–")
    #expect(TurnRow(Turn(input: "x", durationMS: 850), index: 0, inProgress: false).duration == "850ms")
    var app = try AppHarness.demo(Size(width: 100, height: 30))
    try app.select("8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0")
    try app.press(.enter)
    let row = try #require(app.text.split(separator: "\n").first { $0.contains("  0 Add a created_at") })
    #expect(row.contains(" – "), "\(row)")
    #expect(!row.contains("0ms"), "\(row)")
  }
}
