import Foundation
import TestSupport
import Testing

/// The real binary in tmux: keys in, what a person sees out, and a terminal restored afterwards.
@Suite("End to end in tmux", .serialized)
struct EndToEndTests {
  /// A shell line that runs caw-tui with `arguments`, then reports its exit status and the tty modes.
  private func command(_ arguments: String, environment: String = "") -> String {
    E2ECommand.cawTUI(arguments, environment: environment)
  }

  @Test func browseTheDemoAt80x24AndQuit() throws {
    let tmux = try Tmux(command("--demo"), width: 80, height: 24)
    var screen = try tmux.waitFor("FIRST PROMPT")
    // The demo's session with a turn left open is unfinished: nothing records it.
    #expect(screen.contains("○ claude ") && !screen.contains("●"), "\(screen)")
    #expect(screen.contains("README を日"))
    #expect(try tmux.display("#{alternate_on}") == "1")
    try tmux.send("j", "Enter")
    // The pane's title shows at once, with "Loading…" under it until the session is read: wait for a turn.
    screen = try tmux.waitFor("The date parser")
    #expect(screen.contains("Timeline  5f0c2a9e"))
    try tmux.send("Enter")
    screen = try tmux.waitFor("▌ User")
    #expect(screen.contains("Sessions › 5f0c2a9e › turn 0"))
    try tmux.send("?")
    // The box is drawn in one frame, but tmux may show its title before its last rows: wait for the row.
    screen = try tmux.waitFor("Show or hide thinking")
    #expect(screen.contains("Keys: Transcript"))
    try tmux.send("Escape", "Escape", "Escape", "Tab", "Tab")
    screen = try tmux.waitFor("By provider")
    #expect(screen.contains("claude_code                  $0.21         5"), "\(screen)")
    #expect(screen.contains("claude-haiku-4-5-20251001  $0.0093"), "a model's whole name when it fits: \(screen)")
    #expect(tmux.demoTrees().count == 1)
    try tmux.send("q")
    screen = try tmux.waitFor("modes:")
    #expect(screen.contains("exit=0 modes: icanon echo"), "exit status and terminal modes after quitting: \(screen)")
    #expect(!screen.contains("FIRST PROMPT"), "the TUI is still on screen after quitting")
    #expect(try tmux.display("#{alternate_on}") == "0")
    try tmux.waitForDemoTreeRemoval(after: "q")
  }

  @Test func resizingRelaysOutThePanes() throws {
    let tmux = try Tmux(command("--demo"), width: 80, height: 24)
    try tmux.waitFor("FIRST PROMPT")
    #expect(!(try tmux.capture()).contains("─ Cost"))
    try tmux.resize(width: 200, height: 60)
    let wide = try tmux.waitFor("─ Cost")
    #expect(wide.contains("─ Timeline"))
    #expect(wide.contains("claude-haiku-4-5-20251001"))
    try tmux.resize(width: 40, height: 10)
    let narrow = try tmux.waitFor("STARTED")
    #expect(!narrow.contains("─ Cost"))
    try tmux.send("q")
    try tmux.waitFor("exit=0 modes:")
  }

  @Test(arguments: [("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT)])
  func signalsRestoreTheTerminal(name: String, signal: Int32) throws {
    let status = 128 + Int(signal)
    let tmux = try Tmux(command("--demo"), width: 80, height: 24)
    try tmux.waitFor("FIRST PROMPT")
    #expect(tmux.demoTrees().count == 1)
    let shell = try tmux.display("#{pane_pid}")
    let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
    let pid = try #require(
      children.split(separator: " ").first.flatMap { Int32($0) }, "caw-tui is not running under the pane's shell")
    #expect(kill(pid, signal) == 0)
    let screen = try tmux.waitFor("modes:")
    #expect(
      screen.contains("exit=\(status) modes: icanon echo"),
      "exit status and terminal modes after SIG\(name): \(screen)")
    #expect(try tmux.display("#{alternate_on}") == "0")
    try tmux.waitForDemoTreeRemoval(after: "SIG\(name)")
  }

  @Test func hostileSessionTextCannotTakeOverTheTerminal() throws {
    let tree = TempTree("caw-e2e-hostile")
    let hostile =
      "\u{1B}]0;pwned\u{07}\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{1B}[2J\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\"
    try HostileTree.write(output: hostile, to: tree.path + "/caw_data")
    let tmux = try Tmux(command("--data-dir '\(tree.path)/caw_data'"), width: 100, height: 30)
    var screen = try tmux.waitFor("FIRST PROMPT")
    #expect(screen.contains("run it ␛]0;pwned␇"))
    try tmux.send("Enter", "Enter", "j", "j", "j", "Enter")
    screen = try tmux.waitFor("Output (error)")
    #expect(screen.contains("␛]52;c;cm0gLXJmIH4=␇␛[2J␛]8;;http://evil.example/␛\\link"))
    #expect(try tmux.display("#{pane_title}") != "pwned")
    // Ctrl-C quits from any page.
    try tmux.send("C-c")
    try tmux.waitFor("exit=0 modes:")
  }

  @Test func withoutADataDirectoryItSaysHowToGetOne() throws {
    let tree = TempTree("caw-e2e-empty")
    let result = try ProcessRun.run(ProcessRun.cawTUI, [], environment: ["PATH": "/usr/bin:/bin"], cwd: tree.path)
    #expect(result.status != 0)
    #expect(result.stderr.contains("no caw data at caw_data: it does not exist"), "\(result.stderr)")
    #expect(result.stderr.contains("caw-tui --demo"))
  }

  @Test func renderPrintsOneScreenAfterTheKeys() throws {
    let result = try ProcessRun.run(
      ProcessRun.cawTUI, ["render", "--demo", "--size", "90x20", "--keys", "j Enter Enter"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(rows.count == 21)
    #expect(rows[0].hasPrefix(" caw-tui  Sessions › 5f0c2a9e › turn 0"))
    #expect(result.stdout.contains("▌ User  turn 0"))
    let bad = try ProcessRun.run(ProcessRun.cawTUI, ["render", "--demo", "--keys", "Bogus"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("unknown key \"Bogus\""))
  }

  @Test func withoutATerminalItPrintsTheList() throws {
    let result = try ProcessRun.run(ProcessRun.cawTUI, ["--demo"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("STATUS"))
    #expect(result.stdout.contains("usage-limited"))
  }
}
