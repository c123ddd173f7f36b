import CawCore
import OrderedCollections
import Testing

@testable import CawUI

/// `y` copies what a user reaches for: the message in front of them, the CLI's own resume command.
@Suite("Copy choices")
struct CopyTests {
  @Test("y n copies the provider CLI's own resume command, run from the recorded directory")
  func nativeResumeCommand() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    try app.select("5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61")
    try app.press(.character("y"))
    #expect(app.text.contains("the claude resume command"))
    try app.press(.character("n"))
    #expect(
      app.requested.last
        == .copyToClipboard(
          "cd /home/dev/shop && claude --resume 5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61",
          label: "the claude resume command"))
    try app.select("8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0")
    try app.press(.character("y"), .character("n"))
    #expect(
      app.requested.last
        == .copyToClipboard(
          "cd /home/dev/shop && codex resume 0199a213-81c0-7800-8aa1-bbab2a035a53", label: "the codex resume command"))
    #expect(
      NativeResumeCommand.line(for: Trajectory(agent: "opencode", metadata: ["opencode_session_id": "ses_1"]))
        == "opencode --session ses_1")
    #expect(NativeResumeCommand.line(for: Trajectory(agent: "codex")) == nil)
  }

  @Test("in a terminal too narrow for the CLI command, the dialog shows it cut with …")
  func narrowDialogShowsTheCut() throws {
    var app = try AppHarness.demo(Size(width: 60, height: 24))
    try app.select("5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61")
    try app.press(.character("y"))
    let row = try #require(app.text.split(separator: "\n").first { $0.contains("n  the claude resume command") })
    #expect(row.contains("…"), "\(row)")
    #expect(DialogOverlay.fitted([Span("abc"), Span("defgh", .dim)], 6) == [Span("abc"), Span("de…", .dim)])
    #expect(DialogOverlay.fitted([Span("abc")], 3) == [Span("abc")])
  }

  @Test("y m in a transcript copies the message under the cursor; in a tool call, its output")
  func focusedMessage() throws {
    var app = try AppHarness.demo(Size(width: 120, height: 40))
    try app.select("5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61")
    try app.press(.tab, .enter)
    guard case .transcript = app.state.page else { Issue.record("no transcript open: \(app.state.page)"); return }
    try app.press(.character("y"))
    #expect(app.text.contains("the message"))
    try app.press(.character("m"))
    #expect(
      app.requested.last
        == .copyToClipboard(
          "The date parser in utils/dates.py crashes on timestamps without a timezone. Fix it and add a test.",
          label: "the message"))
    try app.press(.end, .character("y"), .character("m"))
    #expect(
      app.requested.last
        == .copyToClipboard(
          "Fixed: `parse` now treats a timestamp without a timezone as UTC instead of crashing. Both date tests pass.",
          label: "the message"))
    // The last tool call before the answer: open it and copy its output.
    for _ in 0..<40 {
      guard case .transcript = app.state.page else { break }
      try app.press(.up, .enter)
    }
    guard case .toolCall = app.state.page else { Issue.record("no tool call open: \(app.state.page)"); return }
    try app.press(.character("y"), .character("m"))
    #expect(app.requested.last == .copyToClipboard("..\n2 passed in 0.03s", label: "the tool output"))
  }
}
