import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

@testable import CawUI

/// What is cut when room is short: the part that tells things apart stays, and a cut shows `…`.
@Suite("Truncation keeps what matters")
struct TruncationTests {
  @Test("the timeline's INPUT column gets the room at 120 columns")
  func timelineInputGetsTheRoom() throws {
    let app = try AppHarness.demo(Size(width: 120, height: 35))
    let row = try #require(app.text.split(separator: "\n").first { $0.contains("  0 Profi") })
    #expect(row.contains("0 Profile the checkout endpoint"), "\(row)")
    #expect(row.contains("$0.0214"))
  }

  @Test("timeline columns are as wide as their figures, and all of them fit where there is room")
  func timelineColumnsFitTheirFigures() throws {
    var app = try AppHarness.demo(Size(width: 200, height: 50))
    try app.press(.down)
    let text = app.text
    #expect(text.contains("C.WRITE"))
    #expect(text.contains("The date parser in utils/dates.py crashes on timestamps without a timezone."))
  }

  @Test("MODEL at 80 columns drops the shared claude- prefix and a date, and keeps the version")
  func modelNamesKeepWhatTellsThemApart() throws {
    #expect(ModelLabel.fit("claude-sonnet-4-5", width: 14) == "sonnet-4-5")
    #expect(ModelLabel.fit("claude-sonnet-4-6", width: 14) == "sonnet-4-6")
    #expect(ModelLabel.fit("claude-haiku-4-5-20251001", width: 14) == "haiku-4-5")
    #expect(ModelLabel.fit("openai/gpt-5.3-codex", width: 14) == "gpt-5.3-codex")
    #expect(ModelLabel.fit("claude-sonnet-4-5", width: 26) == "claude-sonnet-4-5")
    // A long name of no known shape keeps its start and its end (where versions are).
    let cut = ModelLabel.fit("acme-enormous-reasoner-preview-2-7", width: 14)
    #expect(DisplayWidth.of(cut) == 14)
    #expect(cut.hasPrefix("acme-"))
    #expect(cut.hasSuffix("2-7"))
    #expect(cut.contains("…"))
    let app = try AppHarness.demo(Size(width: 80, height: 24))
    let text = app.text
    // (Claude Code is `claude` where the provider's column is narrow.)
    #expect(text.contains("claude   sonnet-4-5 "))
    #expect(text.contains("claude   opus-4-6 "))
    #expect(text.contains("claude   haiku-4-5 "))
    #expect(!text.contains("claude-sonnet…"))
  }

  @Test("a long tool argument is cut with a visible …")
  func longArgumentsShowTheCut() throws {
    let tree = TempTree("caw-ui-long-args")
    var store = try SessionStore(dataDirectory: tree.path + "/caw_data", sessionID: "args")
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "args", createdAt: "2026-11-22T05:00:00+00:00")
    try store.writeMetadata(t)
    let command = "grep -rn " + (1...40).map { "pattern\($0)" }.joined(separator: " ") + " END"
    let turn = Turn(
      input: "go", output: [.toolUse(ToolUse(id: "1", name: "Bash", arguments: .object(["command": .string(command)])))])
    t.turns = [turn]
    try store.appendTurn(turn, trajectory: t, rawOutput: "")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 80, height: 24))
    try app.press(.enter, .enter)
    let row = try #require(app.text.split(separator: "\n").first { $0.contains("command: grep -rn") })
    #expect(row.hasSuffix("…"), "\(row)")
    #expect(DisplayWidth.of(String(row)) == 80)
  }

  /// The footer's hints: each `key label` pair, separated by two spaces.
  private func hints(_ footer: Substring) -> [String] {
    footer.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  @Test("footer hints are dropped whole at 80 columns, never cut mid-word", arguments: [80, 64])
  func footerHintsAreWhole(width: Int) throws {
    let whole = Set(
      Keymap.standard.bindings.compactMap { binding in binding.footer.map { "\(binding.keys[0]) \($0)" } })
    let walks: [[Key]] = [
      [], [.down, .enter], [.down, .enter, .enter], [.down, .tab, .tab],
      [.down, .enter, .enter, .character("j"), .character("j"), .character("j"), .character("j"), .character("j"),
       .character("j"), .enter],
    ]
    for keys in walks {
      var app = try AppHarness.demo(Size(width: width, height: 24))
      for key in keys { try app.press(key) }
      let footer = try #require(app.text.split(separator: "\n", omittingEmptySubsequences: false).last)
      let shown = hints(footer)
      #expect(shown.count >= 3, "\(footer)")
      for hint in shown { #expect(whole.contains(hint), "cut hint '\(hint)' in '\(footer)'") }
    }
  }

  @Test("the timeline title keeps its problem marker: the agent, model and counts go first, then the hint")
  func titleKeepsTheProblemMarker() throws {
    for (width, marker) in [(80, "! 1 file problem"), (100, "! 1 file problem (o lists them)")] {
      var app = try AppHarness.demo(Size(width: width, height: 24)) { data in
        let path = data + "/sessions/5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61/trajectory.json"
        let json = try String(contentsOfFile: path, encoding: .utf8)
        let odd = json.replacingOccurrences(of: "\"reasoning\": \"high\"", with: "\"reasoning\": 7")
        #expect(odd != json, "the fixture edit did not apply")
        try odd.write(toFile: path, atomically: true, encoding: .utf8)
      }
      try app.press(.down, .enter)
      let title = try #require(app.text.split(separator: "\n").dropFirst().first)
      #expect(title.contains("5f0c2a9e · "), "\(title)")
      #expect(title.contains(marker + " ─"), "\(title)")
      #expect(!title.contains("…"), "\(title)")
    }
  }

  @Test("title parts are dropped most droppable first, then shortened")
  func titlePartsDropInOrder() {
    let parts = [
      TitlePart("id"), TitlePart("agent", dropOrder: 2), TitlePart("model", dropOrder: 1),
      TitlePart("! warning (hint)", short: "! warning"),
    ]
    #expect(TitlePart.fitted(parts, width: 40) == "id · agent · model · ! warning (hint)")
    #expect(TitlePart.fitted(parts, width: 30) == "id · model · ! warning (hint)")
    #expect(TitlePart.fitted(parts, width: 22) == "id · ! warning (hint)")
    #expect(TitlePart.fitted(parts, width: 14) == "id · ! warning")
  }
}
