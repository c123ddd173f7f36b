import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// caw-tui against the real codex-cli 0.163.0 and the scripted model server: every path of issue 10.
@Suite("real codex", .serialized)
struct RealCodexTests {
  /// codex's code mode: its default model gets one custom `exec` tool that runs JavaScript.
  static let writeMarker = """
    const r = await tools.exec_command({cmd: "printf hello > marker.txt && echo wrote-marker"});
    text(r.output);
    """

  static let script = ModelScript([
    .init(
      ["write", "marker"],
      [
        .init(
          .thinking("Write the marker in code mode."), .customTool("exec", input: writeMarker),
          usage: .init(input: 50, output: 30, cacheRead: 10, reasoning: 5)),
        .init(.text("The marker file is written."), usage: .init(input: 80, output: 10)),
      ]),
    .init(["what", "did"], [.init(.text("I wrote marker.txt with hello."), usage: .init(input: 100, output: 20))]),
    .init(
      ["functions"],
      [
        .init(.tool("exec_command", input: ["cmd": "echo fn-ran"])),
        .init(.tool("lookup", input: ["key": "abc"], namespace: "mcp__lookup")),
        .init(.text("Ran a command and looked up abc.")),
      ]),
    .init(["stall"], [.init(.customTool("exec", input: writeMarker)), .init(.text("Working on it"), .stall)]),
    .init(["reject"], [.httpError(400, "scripted bad request")]),
  ])

  @Test("run in code mode: the exec tool's command really runs and is recorded; a second turn gets its own usage")
  func codeModeRunAndSecondTurn() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI([
      "run", "--data-dir", world.data, "--provider", "codex", "Please write the marker file.", "What did you do?",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(world.workspaceFile("marker.txt") == "hello")
    let id = try world.onlySession()
    let t = try world.trajectory(id)
    try #require(t.turns.count == 2)
    #expect(t.turns[0].output.first == .thinking("Write the marker in code mode."))
    let call = try #require(t.turns[0].toolCalls.first)
    #expect(call.name == "command_execution")
    #expect(call.arguments["command"]?.stringValue?.contains("printf hello > marker.txt") == true)
    #expect(call.output == "wrote-marker\n")
    #expect(t.turns[0].result == "The marker file is written.")
    // Two model calls: 60 + 80 in (10 cached), 30 + 10 out.
    #expect(t.turns[0].usage == UsageStats(inputTokens: 130, outputTokens: 40, cacheReadTokens: 10, costUSD: t.turns[0].usage.costUSD))
    // codex reports the thread's running totals; the second turn records only its own.
    #expect(t.turns[1].usage.inputTokens == 100 && t.turns[1].usage.outputTokens == 20, "\(t.turns[1].usage)")
    #expect(t.usage.outputTokens == 60)
    let resumed = try #require(try world.server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(resumed.conversationTexts.contains("Please write the marker file."))
  }

  @Test("function tools (gpt-5.3-codex) with an MCP server as a namespace, given with --mcp-command")
  func functionToolsAndMCP() throws {
    let world = try RealCLIFixture(Self.script)
    let log = world.tree.path + "/mcp.log"
    let server = "lookup=python3 \(ProcessRun.packageRoot)/Tests/ModelServer/stdio_mcp_server.py \(log)"
    let run = try world.cawTUI([
      "run", "--data-dir", world.data, "--provider", "codex", "--model", "gpt-5.3-codex", "--mcp-command", server,
      "Use the functions please.",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let request = try #require(try world.server.modelCalls().first)
    let namespaces = (request.body["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    #expect(namespaces.contains("mcp__lookup") && namespaces.contains("exec_command"), "\(namespaces)")
    #expect(world.tree.read("mcp.log").contains(#""key": "abc""#))
    let t = try world.trajectory(try world.onlySession())
    let calls = try #require(t.turns.first?.toolCalls)
    #expect(calls.map(\.name) == ["command_execution", "lookup.lookup"])
    #expect(calls.first?.output == "fn-ran\n")
    #expect(calls.last?.output == "value of abc is cba")
    #expect(calls.last?.arguments == ["key": "abc"])
    #expect(t.turns.first?.result == "Ran a command and looked up abc.")
  }

  @Test("resume in a new process sends the earlier conversation; its usage is the turn's own")
  func resumeInNewProcess() throws {
    let world = try RealCLIFixture(Self.script)
    let first = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "codex", "Please write the marker file."])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let id = try world.onlySession()
    for message in ["What did you do?", "What did you do next?"] {
      let resumed = try world.cawTUI(["resume", "--data-dir", world.data, id, message])
      #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    }
    let t = try world.trajectory(id)
    #expect(t.turns.map(\.usage.outputTokens) == [40, 20, 20])
    let request = try #require(try world.server.modelCalls().first { $0.prompt.contains("What did you do next?") })
    #expect(request.conversationTexts.contains("Please write the marker file."))
    #expect(request.conversationTexts.contains("I wrote marker.txt with hello."))
  }

  @Test("Python caw 0.1.9 resumes a session caw-tui recorded, and caw-tui resumes one caw recorded")
  func crossResumeWithPythonCaw() throws {
    try RealCLIFixture(Self.script).checkCrossResume(provider: .codex)
  }

  @Test("Ctrl-C mid-stream keeps the partial turn and leaves nothing running, codex-code-mode-host included")
  func cancelMidStream() throws {
    let world = try RealCLIFixture(Self.script)
    let t = try world.checkCancel(provider: .codex, helper: "codex-code-mode-host")
    #expect(t.turns.first?.toolCalls.first?.output == "wrote-marker\n")
  }

  @Test("restricted tools: read-only sandbox on a new turn and on a continued one (codex 0.163 flags)")
  func restrictedTools() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI([
      "run", "--data-dir", world.data, "--provider", "codex", "--tools", "reader", "--verbose", "What did you do?",
      "What did you do next?",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(!run.stderr.contains("--full-auto"), "\(run.stderr)")
    #expect(run.stderr.contains("exec --sandbox read-only"), "\(run.stderr)")
    #expect(run.stderr.contains("-c 'sandbox_mode=\"read-only\"'"), "\(run.stderr)")
    let calls = try world.server.modelCalls()
    #expect(calls.count == 2)
    for call in calls {
      let metadata = call.headers["x-codex-turn-metadata"] ?? ""
      #expect(metadata.contains(#""sandbox_mode":"read-only""#), "\(metadata)")
    }
    #expect(try world.trajectory(try world.onlySession()).turns.count == 2)
  }

  @Test("an API error ends the run non-zero with the server's message")
  func apiError() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "codex", "Please reject this."])
    #expect(run.status == 1, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("Codex turn failed"), "\(run.stderr)")
    #expect(run.stderr.contains("scripted bad request"), "\(run.stderr)")
    #expect(try world.trajectory(try world.onlySession()).turns.isEmpty)
  }
}
