import CawCore
import Foundation
import Testing
import TestSupport

/// A user whose only sessions are those the real claude and codex wrote into `~/.claude` and `~/.codex`
/// (against the scripted model server): caw-tui in tmux lists them on first start, opens them, resumes
/// each with `r`, and shows a session the agent writes while it is open.
@Suite("the agents' own sessions in the TUI with the real CLIs", .serialized)
struct RealNativeEndToEndTests {
  static let script = ModelScript([
    .init(
      ["write", "marker"],
      [
        .init(.tool("Bash", input: ["command": "printf hello > marker.txt && echo wrote-marker"])),
        .init(.text("The marker file is written.")),
      ]),
    .init(
      ["code", "mode"],
      [
        .init(.customTool("exec", input: #"const r = await tools.exec_command({cmd: "echo counted-files"}); text(r.output);"#)),
        .init(.text("The files are counted.")),
      ]),
    .init(["what", "did"], [.init(.text("I did what you asked."))]),
    .init(["live", "note"], [.init(.text("Noted while you watched."))]),
  ])

  /// The server, a private home holding only the agents' stores, and a start script running caw-tui from
  /// the workspace (no caw_data there).
  final class Setup {
    let tree = TempTree("caw-realnative-tui")
    let server: ScriptedModelServer
    let home: AgentHome

    init() throws {
      let clis = try RealAgentCLIs.installed.get()
      server = try ScriptedModelServer(RealNativeEndToEndTests.script)
      home = clis.home(for: server, in: tree)
      command = AgentStartScript.write(in: tree, home: home, arguments: [])
    }

    /// Runs caw-tui with no data directory named.
    let command: String
    /// Where `r` records the resumed sessions: the default `./caw_data` of the workspace.
    var data: String { home.workspace + "/caw_data" }

    /// Runs the real `claude` (or `codex`) as a user would, outside caw, in the workspace.
    func agent(_ name: String, _ arguments: [String]) throws -> ProcessResult {
      try ProcessRun.run(home.bin + "/" + name, arguments, environment: home.environment, cwd: home.workspace)
    }

    func claude(_ prompt: String) throws -> ProcessResult {
      try agent("claude", ["-p", "--dangerously-skip-permissions", prompt])
    }

    func codex(_ prompt: String) throws -> ProcessResult {
      try agent("codex", ["exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", prompt])
    }

    func sessionIDs() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: data + "/sessions")) ?? []).sorted() }

    func trajectory(_ id: String) -> Trajectory? {
      guard let bytes = FileManager.default.contents(atPath: "\(data)/sessions/\(id)/trajectory.json") else { return nil }
      return try? Trajectory.read(Array(bytes)).trajectory
    }

    /// Waits until a caw session other than `known` has `turns` turns and is ended.
    func waitForNewSession(besides known: [String], turns: Int) throws -> (String, Trajectory) {
      var found: (String, Trajectory)?
      try waitUntil("a resumed session with \(turns) turns in \(data)", seconds: 90, interval: 0.05, observe: { "\(self.sessionIDs())" }) {
        for id in sessionIDs() where !known.contains(id) {
          if let t = trajectory(id), t.turns.count == turns, !t.completedAt.isEmpty { found = (id, t) }
        }
        return found != nil
      }
      return found!
    }
  }

  @Test("a HOME with only claude's and codex's records: listed on first start, opened, each resumed with r, and a new one followed live")
  func browseResumeAndFollow() throws {
    let setup = try Setup()
    let wrote = try setup.claude("Please write the marker file.")
    #expect(wrote.status == 0, "claude: \(wrote.stderr)")
    let counted = try setup.codex("Please use code mode to count the files.")
    #expect(counted.status == 0, "codex: \(counted.stderr)")
    #expect(!FileManager.default.fileExists(atPath: setup.data))

    let tmux = try Tmux(setup.command, width: 160, height: 45)
    var screen = try tmux.waitFor("2/2", seconds: 20)
    #expect(screen.contains("claude + codex"), "\(screen)")
    #expect(screen.contains("SOURCE"), "\(screen)")
    #expect(screen.contains("Please write the marker file.") && screen.contains("Please use code mode to count the"), "\(screen)")

    // The newest, codex's: its turn opens with the code it ran and that code's output from the rollout.
    try tmux.send("Enter", "Enter")
    screen = try tmux.waitFor("The files are counted.", seconds: 20)
    #expect(screen.contains("echo counted-files") && screen.contains("Script completed"), "\(screen)")
    try tmux.send("Escape", "Escape")
    screen = try tmux.waitForAbsence(of: "The files are counted.")

    // r on each: the conversation goes on through the agent's CLI, recorded as a caw session.
    var resumed: [String] = []
    for (row, prompt) in [(0, "Please use code mode to count the"), (1, "Please write the marker file.")] {
      try tmux.send("Home")
      for _ in 0..<row { try tmux.send("j") }
      try tmux.send("r")
      screen = try tmux.waitFor("Resume ", seconds: 20)
      try tmux.send("-l", "What did you do?")
      try tmux.send("Enter")
      let (id, t) = try setup.waitForNewSession(besides: resumed, turns: 2)
      resumed.append(id)
      #expect(t.turns.first?.input.hasPrefix(prompt) == true, "\(t.turns.map(\.input))")
      #expect(t.turns.last?.result == "I did what you asked.")
      let calls = try setup.server.modelCalls().filter { $0.prompt.contains("What did you do?") }
      #expect(calls.count == resumed.count)
      #expect(calls.last?.conversationTexts.contains { $0.contains(prompt) } == true, "the resumed request lacks the first turn")
      screen = try tmux.waitFor("2 turns", seconds: 30)
      // The run registry is looked at once a second: wait for the finished run to leave the title bar.
      _ = try tmux.waitForAbsence(of: "▶ 1 run", seconds: 30)
    }
    #expect(Set(resumed.compactMap { setup.trajectory($0)?.agent }) == ["claude_code", "codex"])

    // claude writes a new session while caw-tui is open: it is listed on its own.
    let live = try setup.claude("Take a live note.")
    #expect(live.status == 0, "claude: \(live.stderr)")
    screen = try tmux.waitFor("Take a live note.", seconds: 30)
    // The two resumed records are the caw sessions now (imported under their ids), the new one is claude's.
    #expect(screen.contains("3/3"), "\(screen)")
    #expect(screen.components(separatedBy: " caw ").count - 1 == 2, "\(screen)")
    // S finds the new session's reply (the index is built then, over both stores and the caw tree), and
    // Enter opens it there.
    try tmux.send("S")
    try tmux.send("-l", "watched")
    screen = try tmux.waitFor("1 hit", seconds: 60)
    #expect(screen.contains("Noted while you watched."), "\(screen)")
    try tmux.send("Enter")
    screen = try tmux.waitFor("match 1/1", seconds: 20)
    #expect(screen.contains("Take a live note."), "\(screen)")
    try tmux.send("q", "q")
    screen = try tmux.waitFor("exit=0", seconds: 20)
    #expect(screen.contains("exit=0"), "\(screen)")
  }
}
