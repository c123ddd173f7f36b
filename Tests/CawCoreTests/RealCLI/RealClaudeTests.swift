import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// caw-tui against the real Claude Code 2.1.327 and the scripted model server: every path of issue 10.
@Suite("real claude", .serialized)
struct RealClaudeTests {
  /// Turn one runs a shell command that writes a file; later prompts get plain answers.
  static let script = ModelScript([
    .init(
      ["write", "marker"],
      [
        .init(
          .thinking("I will write the marker file."),
          .tool("Bash", input: ["command": "printf hello > marker.txt && echo wrote-marker", "description": "write"]),
          usage: .init(input: 50, output: 30, cacheRead: 400, cacheWrite: 60)),
        .init(.text("The marker file is written."), usage: .init(input: 80, output: 10)),
      ]),
    .init(["what", "did"], [.init(.text("I wrote marker.txt with hello."), usage: .init(input: 100, output: 20))]),
    .init(["look", "up"], [
      .init(.tool("mcp__lookup__lookup", input: ["key": "abc"])), .init(.text("The value is cba.")),
    ]),
    .init(["stall"], [.init(.text("Working on it"), .stall)]),
    .init(["reject"], [.httpError(400, "scripted bad request")]),
  ])

  @Test("run: a tool call that really runs, then a second turn that carries the first; each turn's own cost")
  func runWithToolAndSecondTurn() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI([
      "run", "--data-dir", world.data, "--provider", "claude", "Please write the marker file.", "What did you do?",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(world.workspaceFile("marker.txt") == "hello")
    let id = try world.onlySession()
    let t = try world.trajectory(id)
    try #require(t.turns.count == 2)
    let first = t.turns[0]
    #expect(first.output.first == .thinking("I will write the marker file."))
    let call = try #require(first.toolCalls.first)
    #expect(call.name == "Bash")
    #expect(call.output == "wrote-marker")
    #expect(!call.isError)
    #expect(first.result == "The marker file is written.")
    #expect(first.usage.inputTokens == 130 && first.usage.outputTokens == 40)
    #expect(first.usage.cacheReadTokens == 400 && first.usage.cacheWriteTokens == 60)
    #expect(t.turns[1].result == "I wrote marker.txt with hello.")
    #expect(t.turns[1].usage.inputTokens == 100 && t.turns[1].usage.outputTokens == 20)

    // claude's result line after --resume gives the session's running cost; each turn records its own.
    let result = try #require(world.rawOutput(id, turn: 1).last { $0["type"]?.stringValue == "result" })
    let running = try #require(result["total_cost_usd"]?.numberValue?.doubleValue)
    #expect(abs(t.turns[0].usage.cost + t.turns[1].usage.cost - running) < 1e-9, "turn costs must add up to the CLI's total")
    #expect(t.turns[1].usage.cost < running)
    #expect(abs(t.usage.cost - running) < 1e-9)
    let show = try world.cawTUI(["show", "--data-dir", world.data, id])
    #expect(!show.stdout.contains("running totals"), "\(show.stdout)")

    let resumed = try #require(try world.server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(resumed.conversationTexts.contains { $0.contains("Please write the marker file.") })
    #expect(resumed.conversationTexts.contains("wrote-marker"))
  }

  @Test("resume in a new process sends the earlier conversation to the model")
  func resumeInNewProcess() throws {
    let world = try RealCLIFixture(Self.script)
    let first = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "claude", "Please write the marker file."])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let id = try world.onlySession()
    let resumed = try world.cawTUI(["resume", "--data-dir", world.data, String(id.prefix(8)), "What did you do?"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    let t = try world.trajectory(id)
    #expect(t.turns.map(\.input) == ["Please write the marker file.", "What did you do?"])
    let request = try #require(try world.server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(request.conversationTexts.contains { $0.contains("Please write the marker file.") })
    #expect(request.conversationTexts.contains("wrote-marker"))
    #expect(request.conversationTexts.contains("The marker file is written."))
  }

  @Test("Python caw 0.1.9 resumes a session caw-tui recorded, and caw-tui resumes one caw recorded")
  func crossResumeWithPythonCaw() throws {
    try RealCLIFixture(Self.script).checkCrossResume(provider: .claudeCode)
  }

  @Test("Ctrl-C mid-stream keeps the partial turn and leaves no process behind")
  func cancelMidStream() throws {
    let world = try RealCLIFixture(Self.script)
    let t = try world.checkCancel(provider: .claudeCode, helper: "claude")
    #expect(t.turns.count == 1)
  }

  @Test("--mcp-command: the model calls a stdio MCP server's tool and its answer is recorded")
  func mcpCommand() throws {
    let world = try RealCLIFixture(Self.script)
    let log = world.tree.path + "/mcp.log"
    let server = "lookup=python3 \(ProcessRun.packageRoot)/Tests/ModelServer/stdio_mcp_server.py \(log)"
    let run = try world.cawTUI([
      "run", "--data-dir", world.data, "--provider", "claude", "--mcp-command", server, "Please look up abc.",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(world.tree.read("mcp.log").contains(#""key": "abc""#))
    let t = try world.trajectory(try world.onlySession())
    let call = try #require(t.turns.first?.toolCalls.first)
    #expect(call.name == "mcp__lookup__lookup")
    #expect(call.output == "value of abc is cba")
    #expect(t.turns.first?.result == "The value is cba.")
  }

  @Test("restricted tools: the model is offered only the allowed groups' tools")
  func restrictedTools() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "claude", "--tools", "reader", "What did you do?"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let request = try #require(try world.server.modelCalls().first)
    let tools = (request.body["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    #expect(tools.contains("Read"))
    for denied in ["Bash", "Write", "Edit", "WebFetch"] { #expect(!tools.contains(denied), "\(denied) offered: \(tools)") }
    #expect(try world.trajectory(try world.onlySession()).turns.first?.result == "I wrote marker.txt with hello.")
  }

  @Test("an API error fails the turn: recorded, marked failed in show and list, and run exits non-zero")
  func apiError() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "claude", "Please reject this."])
    #expect(run.status == 1, "stderr: \(run.stderr)")
    #expect(run.stderr.contains("turn 000 failed: API Error: 400"), "\(run.stderr)")
    let id = try world.onlySession()
    let t = try world.trajectory(id)
    #expect(t.turns.count == 1)
    #expect(t.failedTurns == [0])
    #expect(t.turns.first?.result.contains("scripted bad request") == true)
    let show = try world.cawTUI(["show", "--data-dir", world.data, id])
    #expect(show.stdout.contains("Failed: turn 000"), "\(show.stdout)")
    #expect(show.stdout.contains("0 failed"), "\(show.stdout)")
    let list = try world.cawTUI(["list", "--data-dir", world.data, "--no-cache"])
    #expect(list.stdout.contains("failed"), "\(list.stdout)")
  }

  @Test("as root without IS_SANDBOX, claude's refusal is explained and no resume handle is printed")
  func rootRefusal() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "claude", "What did you do?"], extra: ["IS_SANDBOX": nil])
    if getuid() == 0 {
      #expect(run.status == 1)
      #expect(run.stderr.contains("claude refused to run as root"), "\(run.stderr)")
      #expect(run.stderr.contains("IS_SANDBOX=1"), "\(run.stderr)")
      #expect(!run.stderr.contains("resume handle:"), "\(run.stderr)")
      #expect(run.stderr.contains("no turn was recorded, so the session has no resume handle"), "\(run.stderr)")
      #expect(try world.server.modelCalls().isEmpty)
    } else {
      #expect(run.status == 0, "not root: claude runs without IS_SANDBOX: \(run.stderr)")
    }
  }
}
