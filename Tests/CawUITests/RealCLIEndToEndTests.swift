import CawCore
import Foundation
import Testing
import TestSupport

/// `n` and `r` in the TUI (the built binary in tmux) against the real claude and codex and the scripted
/// model server.
@Suite("n and r in the TUI with the real CLIs", .serialized)
struct RealCLIEndToEndTests {
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
        .init(.customTool("exec", input: #"const r = await tools.exec_command({cmd: "printf hello > marker.txt && echo wrote-marker"}); text(r.output);"#)),
        .init(.text("The marker file is written.")),
      ]),
    .init(["what", "did"], [.init(.text("I wrote marker.txt with hello."))]),
  ])

  /// A tree with the server, a private home for the CLIs, a data directory and a start script.
  final class Setup {
    let tree = TempTree("caw-realcli-tui")
    let server: ScriptedModelServer
    let home: AgentHome
    var data: String { tree.path + "/caw_data" }

    init() throws {
      let clis = try RealAgentCLIs.installed.get()
      server = try ScriptedModelServer(RealCLIEndToEndTests.script)
      home = clis.home(for: server, in: tree)
      let data = tree.path + "/caw_data"
      try FileManager.default.createDirectory(atPath: data + "/sessions", withIntermediateDirectories: true)
      command = AgentStartScript.write(in: tree, home: home, arguments: ["--data-dir", data])
    }

    /// Runs caw-tui on the data directory.
    let command: String

    func trajectory(_ id: String) -> Trajectory? {
      guard let bytes = FileManager.default.contents(atPath: "\(data)/sessions/\(id)/trajectory.json") else { return nil }
      return try? Trajectory.read(Array(bytes)).trajectory
    }

    func sessionIDs() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: data + "/sessions")) ?? []).sorted() }

    /// Waits (up to a minute) until the session has `turns` turns and is ended.
    func waitForEnded(_ id: String, turns: Int) -> Trajectory? {
      for _ in 0..<1200 {
        if let t = trajectory(id), t.turns.count == turns, !t.completedAt.isEmpty { return t }
        usleep(50_000)
      }
      return trajectory(id)
    }
  }

  private func startAndResume(provider: String, prompt: String) throws {
    let setup = try Setup()
    let tmux = try Tmux(setup.command, width: 160, height: 45)
    #expect(try tmux.waitFor("No sessions in this data directory yet.", seconds: 20).contains("No sessions"))
    try tmux.send("n")
    #expect(try tmux.waitFor("New session").contains("New session"))
    if provider != "claude_code" {
      try tmux.send("C-u")
      try tmux.send("-l", provider)
    }
    try tmux.send("Tab", "Tab", "Tab", "Tab", "Tab")
    try tmux.send("-l", prompt)
    try tmux.send("Enter")
    for _ in 0..<400 where setup.sessionIDs().isEmpty { usleep(50_000) }
    let id = try #require(setup.sessionIDs().first, "no session appeared")
    let first = try #require(setup.waitForEnded(id, turns: 1), "the first turn was not recorded")
    #expect(first.turns.first?.result == "The marker file is written.")
    #expect(first.turns.first?.toolCalls.first?.output.hasPrefix("wrote-marker") == true)
    #expect(FileManager.default.contents(atPath: setup.home.workspace + "/marker.txt") == Data("hello".utf8))
    var screen = try tmux.waitFor("✓ \(provider)", seconds: 20)
    #expect(screen.contains("✓ \(provider)"), "\(screen)")

    try tmux.send("r")
    screen = try tmux.waitFor("Resume \(id.prefix(8))")
    #expect(screen.contains("Resume \(id.prefix(8))"), "\(screen)")
    try tmux.send("-l", "What did you do?")
    try tmux.send("Enter")
    let second = try #require(setup.waitForEnded(id, turns: 2), "the resumed turn was not recorded")
    #expect(second.turns.last?.result == "I wrote marker.txt with hello.")
    let request = try #require(try setup.server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(request.conversationTexts.contains { $0.contains(prompt) }, "the resumed request lacks the first turn")
    screen = try tmux.waitFor("2 turns", seconds: 20)
    #expect(screen.contains("2 turns"), "\(screen)")
    // The run registry is looked at once a second: wait for the finished run to leave the title bar.
    for _ in 0..<200 where (try tmux.capture()).contains("▶ 1 run") { usleep(50_000) }
    try tmux.send("q")
    screen = try tmux.waitFor("exit=0", seconds: 20)
    #expect(screen.contains("exit=0"), "\(screen)")
    #expect(screen.contains(id))
  }

  @Test("claude: n starts a session whose Bash call really runs; r resumes it with the conversation")
  func claudeNewAndResume() throws {
    try startAndResume(provider: "claude_code", prompt: "Please write the marker file.")
  }

  @Test("codex: n starts a session whose code-mode command really runs; r resumes it with the conversation")
  func codexNewAndResume() throws {
    try startAndResume(provider: "codex", prompt: "Please run code mode.")
  }
}
