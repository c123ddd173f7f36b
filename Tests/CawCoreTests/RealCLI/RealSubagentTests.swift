import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// Subagents and our own Swift tools over MCP with the real claude 2.1.327 and codex 0.163.0 and the
/// scripted model server: the model calls the tools, the subagents run, everything is recorded as caw
/// records it and Python caw reads it.
@Suite("real CLIs: subagents and Swift tools over MCP", .serialized)
struct RealSubagentTests {
  static let script = ModelScript([
    // claude -> codex -> claude
    .init(["delegate", "review"], [
      .init(.text("Delegating."), .tool("mcp__subagent__code_reviewer", input: ["prompt": "Review main.py for bugs"])),
      .init(.text("The reviewer is done.")),
    ]),
    .init(["review", "main.py", "bugs"], [
      .init(.tool("style_checker", input: ["prompt": "Check the style of main.py"], namespace: "mcp__subagent")),
      .init(.text("One bug; style is fine.")),
    ]),
    // Slow enough that the parent's call outlasts claude's default 60 s MCP tool timeout: the delay is
    // before each of the reply's seven streamed events, 63 s in all.
    .init(["style", "main.py"], [.init(.thinking("Names look fine."), .text("Style: fine."), delayMS: 9_000)]),
    // codex -> claude -> codex
    .init(["ask", "helper"], [
      .init(.tool("helper", input: ["prompt": "Helper: count the files"], namespace: "mcp__subagent")),
      .init(.text("The helper counted them.")),
    ]),
    .init(["helper", "count", "files"], [
      .init(.tool("mcp__subagent__counter", input: ["prompt": "Counter: list the files"])),
      .init(.text("There are 3 files.")),
    ]),
    .init(["counter", "list", "files"], [.init(.text("a.py b.py c.py"))]),
    // a Swift tool
    .init(["claude", "add", "sum"], [.init(.tool("mcp__calc__add", input: ["a": 2, "b": 3])), .init(.text("The sum is 5."))]),
    .init(["codex", "add", "sum"], [
      .init(.tool("add", input: ["a": 40, "b": 2], namespace: "mcp__calc")), .init(.text("The sum is 42.")),
    ]),
  ])

  /// Writes an agents file and runs `caw-tui run --agents` with `provider` and `prompt`.
  static func run(_ world: RealCLIFixture, provider: [String], agents: String, prompt: String) throws -> (ProcessResult, String) {
    world.tree.write("agents.json", agents)
    let run = try world.cawTUI(
      ["run", "--data-dir", world.data, "--provider"] + provider
        + ["--agents", world.tree.path + "/agents.json", "--log-level", "info", prompt])
    return (run, try world.onlySession())
  }

  /// Python caw reads the file as written, and `caw traj --recursive` shows `expected` nested.
  static func checkPythonReads(_ world: RealCLIFixture, _ id: String, expected: [String]) throws {
    let seen = try Interop.json("inspect_session.py", [world.data, id])
    let file = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "\(world.data)/sessions/\(id)/trajectory.json"))))
    #expect(seen["trajectory_error"] == .null)
    #expect(seen["from_dict"] == file, "Python caw's Trajectory.from_dict(...).to_dict() differs from the file")
    let caw = URL(fileURLWithPath: try Interop.python.get()).deletingLastPathComponent().path + "/caw"
    let traj = try ProcessRun.run(caw, ["traj", "\(world.data)/sessions/\(id)/trajectory.json", "--recursive"])
    #expect(traj.status == 0, "caw traj: \(traj.stderr)")
    for line in expected { #expect(traj.stdout.contains(line), "caw traj --recursive lacks \(line):\n\(traj.stdout)") }
  }

  @Test("claude calls a codex subagent that calls a claude subagent: two deep, over a minute, recorded, read by Python caw")
  func claudeCodexClaude() throws {
    let world = try RealCLIFixture(Self.script)
    let (run, id) = try Self.run(
      world, provider: ["claude"],
      agents: #"""
        [{"name": "code reviewer", "description": "Reviews code for bugs", "provider": "codex", "model": "gpt-5.3-codex",
          "subagents": [{"name": "style checker", "description": "Checks code style", "provider": "claude"}]}]
        """#,
      prompt: "Please delegate the review of main.py")
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let t = try world.trajectory(id)
    let call = try #require(t.turns.first?.toolCalls.first)
    #expect(call.name == "mcp__subagent__code_reviewer")
    #expect(call.output == "One bug; style is fine.", "claude's structured result unwrapped and the marker removed")
    let reviewer = try #require(call.subagentTrajectory)
    #expect(reviewer.agent == "codex" && reviewer.model == "gpt-5.3-codex" && reviewer.completedAt == "")
    let checkerCall = try #require(reviewer.turns.first?.toolCalls.first)
    #expect(checkerCall.name == "subagent.style_checker" && checkerCall.output == "Style: fine.")
    let checker = try #require(checkerCall.subagentTrajectory)
    #expect(checker.agent == "claude_code" && checker.turns.first?.result == "Style: fine.")
    #expect(checker.turns.first?.output.first == .thinking("Names look fine."))

    // The models saw the tools as caw serves them, and each result came back to its caller.
    let calls = try world.server.modelCalls()
    // claude 2.1.327 defers MCP tools (ToolSearch) but names them in its request.
    let parentRequest = PythonJSONWriter.string(calls.first?.body ?? .null, style: .singleLine)
    #expect(parentRequest.contains("mcp__subagent__code_reviewer"), "claude was not told about the subagent tool")
    let codexCall = try #require(calls.first { $0.api == "openai" })
    let namespace = codexCall.body["tools"]?.arrayValue?.first { $0["name"] == "mcp__subagent" }
    #expect(namespace != nil, "codex was not given the subagent server")
    #expect(calls.contains { $0.api == "anthropic" && $0.prompt.contains("Please delegate") && $0.toolResults == 1
      && $0.conversationTexts.contains { $0.contains("One bug; style is fine.") } })

    // traj.jsonl: the first-level subagent's turn, tagged, before the parent's.
    let events = try String(contentsOfFile: "\(world.data)/sessions/\(id)/traj.jsonl", encoding: .utf8)
      .split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
    let tagged = events.filter { $0["subagent"] != nil }
    #expect(tagged.map { $0["type"]?.stringValue ?? "" } == ["user", "tool_call", "tool_result", "text", "turn_end"])
    #expect(tagged.allSatisfy { $0["subagent"] == "code reviewer" && $0.objectValue?.keys.last == "subagent" })
    #expect(events.firstIndex { $0["subagent"] != nil }! < events.firstIndex { $0["type"] == "user" && $0["subagent"] == nil }!)
    #expect(run.stderr.contains("info: tool_result subagent.style_checker → Style: fine."))
    try Self.checkPythonReads(world, id, expected: ["[1/0] user: \"Review main.py for bugs\"", "[1/1/1] asst: \"Names look fine. Style: fine.\""])
  }

  @Test("codex calls a claude subagent that calls a codex subagent: two deep, recorded, read by Python caw")
  func codexClaudeCodex() throws {
    let world = try RealCLIFixture(Self.script)
    let (run, id) = try Self.run(
      world, provider: ["codex", "--model", "gpt-5.3-codex"],
      agents: #"""
        [{"name": "helper", "description": "Helps", "provider": "claude",
          "subagents": [{"name": "counter", "description": "Counts files", "provider": "codex", "model": "gpt-5.3-codex"}]}]
        """#,
      prompt: "Please ask the helper")
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let t = try world.trajectory(id)
    #expect(t.agent == "codex")
    let call = try #require(t.turns.first?.toolCalls.first)
    #expect(call.name == "subagent.helper" && call.output == "There are 3 files.")
    let helper = try #require(call.subagentTrajectory)
    #expect(helper.agent == "claude_code")
    let counterCall = try #require(helper.turns.first?.toolCalls.first)
    #expect(counterCall.name == "mcp__subagent__counter" && counterCall.output == "a.py b.py c.py")
    #expect(counterCall.subagentTrajectory?.agent == "codex")
    #expect(t.turns.first?.result == "The helper counted them.")
    // gpt-5.3-codex gets function tools, each MCP server a namespace; the parent and the counter both.
    let codexRequests = try world.server.modelCalls().filter { $0.api == "openai" && $0.toolResults == 0 }
    #expect(codexRequests.count == 2)
    for request in codexRequests {
      #expect(request.body["tools"]?.arrayValue?.contains { $0["name"] == "mcp__subagent" } == (request.prompt == "Please ask the helper"))
    }
    try Self.checkPythonReads(world, id, expected: ["[1/0] user: \"Helper: count the files\"", "[1/1/1] asst: \"a.py b.py c.py\""])
  }

  @Test("a tool written in Swift (the caw-tools-example) is called by claude and by codex")
  func swiftTool() throws {
    let world = try RealCLIFixture(Self.script)
    let example = URL(fileURLWithPath: ProcessRun.cawTUI).deletingLastPathComponent().appendingPathComponent("caw-tools-example").path
    for (provider, prompt, name, arguments, sum) in [
      ("claude_code", "claude: add 2 and 3 and tell me the sum", "mcp__calc__add", #"{"a": 2, "b": 3}"#, "5"),
      ("codex", "codex: add 40 and 2 and tell me the sum", "calc.add", #"{"a": 40, "b": 2}"#, "42"),
    ] {
      let result = try ProcessRun.run(example, [provider, prompt], environment: world.home.environment, cwd: world.home.workspace)
      #expect(result.status == 0, "\(provider): \(result.stderr)")
      #expect(result.stdout.contains("tool call: \(name) \(arguments) -> \(sum)"), "\(provider): \(result.stdout)")
      #expect(result.stdout.contains("answer: The sum is \(sum)."))
      let back = try #require(try world.server.modelCalls().first { $0.prompt == prompt && $0.toolResults == 1 })
      #expect(back.conversationTexts.contains { $0.contains(sum) }, "the tool's answer went back to the model")
    }
  }
}
