import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui interactive` and `i` in tmux, with a fake interactive `claude` that reports its command
/// line, directory and whether its process group owns the terminal, then reads a line and exits.
@Suite("Interactive hand-off, end to end in tmux", .serialized)
struct InteractiveEndToEndTests {
  final class Setup {
    let tree = TempTree("caw-interactive-e2e")
    let id = "4d3c2b1a-0000-4000-8000-000000000001"
    var data: String { tree.path + "/caw_data" }
    var work: String { tree.path + "/project dir" }

    init() throws {
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
      tree.write(
        "bin/claude",
        """
        #!/usr/bin/env python3
        import os, sys
        fg = "yes" if os.tcgetpgrp(0) == os.getpgrp() else "no"
        print("FAKE-UI argv:" + " ".join(sys.argv[1:]) + " cwd:" + os.getcwd() + " fg:" + fg, flush=True)
        line = sys.stdin.readline().strip()
        print("FAKE-UI got:" + line, flush=True)
        sys.exit(3 if line == "fail" else 0)
        """)
      chmod(tree.path + "/bin/claude", 0o755)
      var store = try SessionStore(dataDirectory: data, sessionID: id)
      var t = Trajectory(agent: "claude_code", model: "claude-opus-4-6", sessionID: id, createdAt: "2026-11-22T04:21:05+00:00")
      t.metadata = ["cwd": .string(work)]
      try store.writeMetadata(t)
      let turn = Turn(input: "Fix the parser", output: [.text("Fixed.")])
      t.turns = [turn]
      try store.appendTurn(turn, trajectory: t, rawOutput: "")
    }

    /// `subcommand` (empty for the TUI) on the data directory, with the fake claude first on PATH.
    func command(_ subcommand: String, _ arguments: String = "") -> String {
      "PATH='\(tree.path)/bin':\"$PATH\" '\(ProcessRun.cawTUI)' \(subcommand) --data-dir '\(data)' \(arguments); status=$?; "
        + "modes=$(stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '); "
        + "echo \"exit=$status modes: $modes\"; sleep 60"
    }
  }

  @Test("caw-tui interactive opens claude --resume in the recorded directory, in the foreground")
  func command() throws {
    let setup = try Setup()
    let tmux = try Tmux(setup.command("interactive", "4d3c"), width: 220, height: 30)
    var screen = try tmux.waitFor("FAKE-UI argv:")
    #expect(screen.contains("FAKE-UI argv:--resume \(setup.id) --model claude-opus-4-6 cwd:\(setup.work) fg:yes"))
    try tmux.send("-l", "hello")
    try tmux.send("Enter")
    screen = try tmux.waitFor("exit=")
    #expect(screen.contains("FAKE-UI got:hello"))
    #expect(screen.contains("exit=0 modes: icanon echo"))
  }

  @Test("i hands the session to the CLI with curses suspended, and the TUI comes back where it was")
  func fromTheTUI() throws {
    let setup = try Setup()
    let tmux = try Tmux(setup.command(""), width: 220, height: 30)
    var screen = try tmux.waitFor("Fix the parser")
    #expect(try tmux.display("#{alternate_on}") == "1")
    try tmux.send("i")
    screen = try tmux.waitFor("FAKE-UI argv:")
    #expect(screen.contains("cwd:\(setup.work) fg:yes"))
    #expect(try tmux.display("#{alternate_on}") == "0", "curses is suspended while the CLI has the terminal")
    try tmux.send("-l", "fail")
    try tmux.send("Enter")
    screen = try tmux.waitFor("claude_code exited with status 3")
    #expect(try tmux.display("#{alternate_on}") == "1")
    #expect(screen.contains("Fix the parser"))
    try tmux.send("i")
    try tmux.waitFor("FAKE-UI argv:")
    try tmux.send("-l", "bye")
    try tmux.send("Enter")
    screen = try tmux.waitFor("Back from claude_code")
    try tmux.send("q")
    screen = try tmux.waitFor("exit=")
    #expect(screen.contains("exit=0 modes: icanon echo"))
  }
}
