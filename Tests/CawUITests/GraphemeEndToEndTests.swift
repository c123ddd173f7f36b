import CawCore
import Foundation
import Testing
import TestSupport

/// Grapheme clusters drawn by the real binary in tmux: whole, and the rows around them in place.
@Suite("Grapheme clusters, end to end in tmux", .serialized)
struct GraphemeEndToEndTests {
  @Test func graphemeClustersReachTheTerminalWhole() throws {
    let tree = TempTree("caw-e2e-graphemes")
    // Clusters this tmux (3.3) also draws two cells wide; a skin tone it draws four wide, so it is left to
    // the headless adapter test.
    let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
    let prompt = "family \(family) e\u{301}t\u{E9} flag \u{1F1EB}\u{1F1F7} end"
    let answer = "answer: \(family) e\u{301} and the text after it"
    let id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
    let t = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5", sessionID: id, createdAt: "2026-11-22T05:00:00+00:00",
      completedAt: "2026-11-22T05:01:00+00:00", turns: [Turn(input: prompt, output: [.text(answer)])])
    tree.write("caw_data/sessions/\(id)/trajectory.json", bytes: t.trajectoryFileBytes())
    let tmux = try Tmux(E2ECommand.cawTUI("--data-dir '\(tree.path)/caw_data'"), width: 100, height: 30)
    // The whole prompt shows in the timeline's INPUT once the session is read (in the background: the list's
    // narrow FIRST PROMPT column may be drawn first).
    var screen = try tmux.waitFor(prompt)
    #expect(screen.contains("FIRST PROMPT"), "\(screen)")
    try tmux.send("Tab", "Enter")
    screen = try tmux.waitFor("▌ Assistant")
    #expect(screen.contains("  " + prompt + "\n"), "\(screen)")
    #expect(screen.contains("  " + answer + "\n"), "\(screen)")
    // Rows drawn again (the cursor moves over them, the page is left and reopened) stay whole.
    try tmux.send("j", "j", "j", "k", "Escape")
    screen = try tmux.waitFor("Timeline  0f1e2d3c")
    #expect(screen.contains(prompt), "\(screen)")
    try tmux.send("Enter")
    screen = try tmux.waitFor("▌ Assistant")
    #expect(screen.contains("  " + answer + "\n"), "\(screen)")
    try tmux.send("q")
    try tmux.waitFor("Timeline  0f1e2d3c")
    try tmux.send("q")
    try tmux.waitFor("exit=0 modes: icanon echo")
  }
}
