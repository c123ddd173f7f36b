import OrderedCollections
import Testing

@testable import CawCore

private let claudeSessionID = "77ee0c5e-3b1a-4f0e-9d6c-2a5b8e4f1c01"
private let threadID = "0199a213-81c0-7800-8aa1-bbab2a035a53"
private let opencodeSessionID = "ses_494719016ffe85dkDMj0FPRbHK"

private let docsServer = MCPServer(name: "docs", command: "python", args: ["-m", "docs_srv"])
private let webServer = MCPServer(name: "web", url: "http://127.0.0.1:9999/mcp")

@Suite("claude command lines (spec §5.1)")
struct ClaudeCommandTests {
  private let head = ["-p", "--verbose", "--output-format", "stream-json", "--dangerously-skip-permissions"]

  @Test("new session: default tools disallow AskUserQuestion, then model, effort, session id, system prompt")
  func newSession() {
    let settings = AgentSettings(
      provider: .claudeCode, model: "opus", reasoning: "high", systemPrompt: "You are terse.")
    let request = TurnRequest(message: "List the files.", sessionID: claudeSessionID)
    let call = AgentSession.invocation(settings, request, executable: "claude")
    #expect(call.executable == "claude")
    #expect(
      call.arguments == head + [
        "--disallowedTools", "AskUserQuestion", "--model", "opus", "--effort", "high",
        "--session-id=" + claudeSessionID, "--system-prompt", "You are terse.",
      ])
    #expect(call.standardInput == "List the files.")
    #expect(call.environmentOverrides.isEmpty)
    #expect(call.warnings.isEmpty)
    #expect(!call.arguments.contains("List the files."))
  }

  @Test("follow-up turn: --resume with the session id and no system prompt")
  func followUp() {
    let settings = AgentSettings(
      provider: .claudeCode, model: "opus", reasoning: "high", systemPrompt: "You are terse.")
    let request = TurnRequest(
      message: "And now?", sessionID: claudeSessionID, resumeKey: claudeSessionID, continuesConversation: true)
    let call = ClaudeCommand.invocation(settings, request, executable: "claude")
    #expect(
      call.arguments == head + [
        "--disallowedTools", "AskUserQuestion", "--model", "opus", "--effort", "high", "--resume=" + claudeSessionID,
      ])
    #expect(call.standardInput == "And now?")
  }

  @Test("follow-up with no resume key yet falls back to the caw session id")
  func followUpWithoutKey() {
    let request = TurnRequest(message: "m", sessionID: claudeSessionID, continuesConversation: true)
    let call = ClaudeCommand.invocation(AgentSettings(provider: .claudeCode), request, executable: "claude")
    #expect(call.arguments.suffix(1) == ["--resume=" + claudeSessionID])
  }

  @Test("resumed turn uses the resume key; no model/effort flags when unset; tools ALL → no --disallowedTools")
  func resumedAllTools() {
    let settings = AgentSettings(provider: .claudeCode, systemPrompt: "ignored on resume", tools: .all)
    let request = TurnRequest(
      message: "third", sessionID: "other-id", resumeKey: "4f1c2a9e-0000-4000-8000-000000000001",
      continuesConversation: true)
    let call = ClaudeCommand.invocation(settings, request, executable: "/opt/bin/claude")
    #expect(call.executable == "/opt/bin/claude")
    #expect(call.arguments == head + ["--resume=4f1c2a9e-0000-4000-8000-000000000001"])
  }

  @Test("--disallowedTools lists every excluded group's tools, comma-joined, in caw's group order")
  func disallowedOrder() {
    func disallowed(_ tools: ToolGroup) -> String? {
      let call = ClaudeCommand.invocation(
        AgentSettings(provider: .claudeCode, tools: tools), TurnRequest(message: "m", sessionID: "s"),
        executable: "claude")
      guard let index = call.arguments.firstIndex(of: "--disallowedTools") else { return nil }
      return call.arguments[index + 1]
    }
    #expect(
      disallowed(.reader) == "Write,Edit,NotebookEdit,Bash,WebFetch,WebSearch,Task,TaskOutput,TaskStop,AskUserQuestion")
    #expect(
      disallowed([.exec, .interaction])
        == "Read,Glob,Grep,Write,Edit,NotebookEdit,WebFetch,WebSearch,Task,TaskOutput,TaskStop")
    #expect(disallowed([.reader, .writer, .exec, .web]) == "Task,TaskOutput,TaskStop,AskUserQuestion")
    #expect(disallowed(.all) == nil)
  }

  @Test("--mcp-config comes last, after --session-id/--system-prompt or --resume")
  func mcpConfigLast() {
    let settings = AgentSettings(provider: .claudeCode, systemPrompt: "S", mcpServers: [webServer])
    let first = ClaudeCommand.invocation(
      settings, TurnRequest(message: "m", sessionID: "sid", configFile: "/tmp/caw_mcp_ab12.json"), executable: "claude")
    #expect(
      first.arguments == head + [
        "--disallowedTools", "AskUserQuestion", "--session-id=sid", "--system-prompt", "S", "--mcp-config",
        "/tmp/caw_mcp_ab12.json",
      ])
    let later = ClaudeCommand.invocation(
      settings,
      TurnRequest(
        message: "m", sessionID: "sid", resumeKey: "sid", continuesConversation: true,
        configFile: "/tmp/caw_mcp_ab12.json"),
      executable: "claude")
    #expect(later.arguments.suffix(3) == ["--resume=sid", "--mcp-config", "/tmp/caw_mcp_ab12.json"])
  }

  @Test("the working directory is passed through")
  func workingDirectory() {
    let settings = AgentSettings(provider: .claudeCode, workingDirectory: "/work/project")
    let call = ClaudeCommand.invocation(settings, TurnRequest(message: "m", sessionID: "s"), executable: "claude")
    #expect(call.workingDirectory == "/work/project")
  }

  @Test("MCP config file: http servers with type+url, stdio with command+args, env only when non-empty")
  func mcpConfigFile() throws {
    #expect(ClaudeCommand.configFile(AgentSettings(provider: .claudeCode)) == nil)
    let settings = AgentSettings(
      provider: .claudeCode,
      mcpServers: [
        webServer,
        MCPServer(name: "docs", command: "python", args: ["-m", "docs_srv"], env: ["TOKEN": "t0k", "MODE": "ro"]),
        MCPServer(name: "bare", command: "srv"),
      ])
    let content = try #require(ClaudeCommand.configFile(settings))
    #expect(
      PythonJSONWriter.string(content, style: .singleLine)
        == #"{"mcpServers": {"web": {"type": "http", "url": "http://127.0.0.1:9999/mcp"}, "docs": {"command": "python", "args": ["-m", "docs_srv"], "env": {"TOKEN": "t0k", "MODE": "ro"}}, "bare": {"command": "srv", "args": []}}}"#
    )
  }

  @Test("a server with a tool timeout gets claude's per-server timeout in ms (claude gives up after 60 s otherwise)")
  func mcpConfigTimeout() throws {
    var settings = AgentSettings(provider: .claudeCode, mcpServers: [webServer, MCPServer(name: "bare", command: "srv")])
    settings.mcpToolTimeouts["web"] = 86_400
    let content = try #require(ClaudeCommand.configFile(settings))
    #expect(
      PythonJSONWriter.string(content, style: .singleLine)
        == #"{"mcpServers": {"web": {"type": "http", "url": "http://127.0.0.1:9999/mcp", "timeout": 86400000}, "bare": {"command": "srv", "args": []}}}"#
    )
  }
}

@Suite("codex command lines (spec §5.2)")
struct CodexCommandTests {
  @Test("new session: spec's verified example, system prompt prefixed to the prompt, stdin /dev/null")
  func newSessionSpecExample() {
    let settings = AgentSettings(
      provider: .codex, reasoning: "medium", systemPrompt: "SYS", mcpServers: [docsServer, webServer])
    let call = AgentSession.invocation(
      settings, TurnRequest(message: "first", sessionID: "caw-id"), executable: "codex")
    #expect(call.executable == "codex")
    #expect(
      call.arguments == [
        "exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", "--json", "-c",
        #"model_reasoning_effort="medium""#, "-c", #"mcp_servers.docs.command="python""#, "-c",
        #"mcp_servers.docs.args=["-m", "docs_srv"]"#, "-c", #"mcp_servers.web.url="http://127.0.0.1:9999/mcp""#,
        "--", "SYS\n\nfirst",
      ])
    #expect(call.standardInput == nil)
    #expect(call.environmentOverrides.isEmpty)
    #expect(call.warnings.isEmpty)
  }

  @Test("resumed turn with READER only: spec's verified example, no system-prompt prefix")
  func resumedReaderOnly() {
    let settings = AgentSettings(provider: .codex, reasoning: "medium", systemPrompt: "SYS", tools: .reader)
    let request = TurnRequest(message: "third", sessionID: "caw-id", resumeKey: threadID, continuesConversation: true)
    let call = CodexCommand.invocation(settings, request, executable: "codex")
    #expect(
      call.arguments == [
        "exec", "resume", "--full-auto", "--sandbox", "read-only", "--skip-git-repo-check", "--json", "-c",
        #"model_reasoning_effort="medium""#, "--", threadID, "third",
      ])
  }

  @Test("follow-up before any thread.started passes an empty thread id")
  func followUpWithoutThread() {
    let request = TurnRequest(message: "again", sessionID: "caw-id", continuesConversation: true)
    let call = CodexCommand.invocation(
      AgentSettings(provider: .codex, systemPrompt: "SYS"), request, executable: "codex")
    #expect(
      call.arguments == [
        "exec", "resume", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", "--json", "--", "",
        "again",
      ])
  }

  @Test("-m comes right after --json; no system prompt → the bare message")
  func modelFlag() {
    let settings = AgentSettings(provider: .codex, model: "gpt-5.3-codex", reasoning: "high", tools: .all)
    let call = CodexCommand.invocation(settings, TurnRequest(message: "hi there", sessionID: "s"), executable: "codex")
    #expect(
      call.arguments == [
        "exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", "--json", "-m", "gpt-5.3-codex",
        "-c", #"model_reasoning_effort="high""#, "--", "hi there",
      ])
  }

  @Test("sandbox mapping: EXEC → full access, else WRITER → workspace-write, else READER/none → read-only")
  func sandboxMapping() {
    #expect(CodexCommand.sandbox(.all).mode == nil)
    #expect(CodexCommand.sandbox(.all).warnings.isEmpty)
    #expect(CodexCommand.sandbox(.noInteraction).mode == "danger-full-access")
    #expect(CodexCommand.sandbox([.exec]).mode == "danger-full-access")
    #expect(CodexCommand.sandbox([.reader, .writer]).mode == "workspace-write")
    #expect(CodexCommand.sandbox([.reader, .web, .parallel]).mode == "read-only")
    #expect(CodexCommand.sandbox([.web]).mode == "read-only")
    #expect(
      CodexCommand.sandbox([.web]).warnings.last
        == "Codex: no file/exec groups enabled; defaulting to read-only sandbox.")
  }

  @Test("deliberate: losing INTERACTION is not warned about (codex exec never asks); PARALLEL/WEB loss is")
  func sandboxWarningsDeliberate() {
    #expect(CodexCommand.sandbox(.noInteraction).warnings.isEmpty)
    let warnings = CodexCommand.sandbox([.reader, .writer]).warnings
    #expect(warnings.count == 1)
    // The same text as caw's, in caw's group order.
    #expect(
      warnings.first
        == "Codex provider cannot enforce per-tool restrictions for PARALLEL, WEB; these distinctions are lost in sandbox-level mapping."
    )
    #expect(CodexCommand.sandbox([.reader, .writer, .exec, .web]).warnings.first?.contains("for PARALLEL;") == true)
  }

  @Test("sandbox flags: --full-auto --sandbox <mode> for read-only and workspace-write; warnings reach the invocation")
  func sandboxFlags() {
    let write = CodexCommand.invocation(
      AgentSettings(provider: .codex, tools: [.reader, .writer]), TurnRequest(message: "m", sessionID: "s"),
      executable: "codex")
    #expect(write.arguments.prefix(4) == ["exec", "--full-auto", "--sandbox", "workspace-write"])
    #expect(write.warnings.count == 1)
    let read = CodexCommand.invocation(
      AgentSettings(provider: .codex, tools: .reader), TurnRequest(message: "m", sessionID: "s"), executable: "codex")
    #expect(read.arguments.prefix(4) == ["exec", "--full-auto", "--sandbox", "read-only"])
  }

  @Test("MCP args JSON keeps spaces inside one argv element, json.dumps style with \\u escapes; env is not passed")
  func mcpArgsWithSpaces() {
    let server = MCPServer(
      name: "fs", command: "/usr/local/bin/fs server", args: ["--root", "/Users/me/My Docs", "café"], env: ["K": "v"])
    let call = CodexCommand.invocation(
      AgentSettings(provider: .codex, tools: .all, mcpServers: [server]), TurnRequest(message: "m", sessionID: "s"),
      executable: "codex")
    #expect(
      call.arguments == [
        "exec", "--dangerously-bypass-approvals-and-sandbox", "--skip-git-repo-check", "--json", "-c",
        #"mcp_servers.fs.command="/usr/local/bin/fs server""#, "-c",
        #"mcp_servers.fs.args=["--root", "/Users/me/My Docs", "caf\u00e9"]"#, "--", "m",
      ])
    #expect(!call.arguments.contains { $0.contains("K") && $0.contains("v") && $0.hasPrefix("mcp_servers.fs.env") })
  }

  @Test("a stdio server without args gets only the command override")
  func mcpNoArgs() {
    let call = CodexCommand.invocation(
      AgentSettings(provider: .codex, tools: .all, mcpServers: [MCPServer(name: "t", command: "tsrv")]),
      TurnRequest(message: "m", sessionID: "s"), executable: "codex")
    #expect(call.arguments.suffix(4) == ["-c", #"mcp_servers.t.command="tsrv""#, "--", "m"])
  }
}

@Suite("opencode command lines (spec §5.3)")
struct OpencodeCommandTests {
  @Test("new session: model, variant, --thinking, system prompt prefixed, no --session")
  func newSession() {
    let settings = AgentSettings(
      provider: .opencode, model: "openai/gpt-5.3-codex", reasoning: "high", systemPrompt: "SYS")
    let call = AgentSession.invocation(
      settings, TurnRequest(message: "first", sessionID: "caw-id"), executable: "/usr/local/bin/opencode")
    #expect(call.executable == "/usr/local/bin/opencode")
    #expect(
      call.arguments == [
        "run", "--format", "json", "--dangerously-skip-permissions", "--model", "openai/gpt-5.3-codex", "--variant",
        "high", "--thinking", "--", "SYS\n\nfirst",
      ])
    #expect(call.standardInput == nil)
    #expect(call.environmentOverrides.isEmpty)
  }

  @Test("follow-up: spec's verified example with --session and no prefix")
  func followUp() {
    let settings = AgentSettings(provider: .opencode, reasoning: "medium", systemPrompt: "SYS")
    let request = TurnRequest(
      message: "second", sessionID: "caw-id", resumeKey: opencodeSessionID, continuesConversation: true)
    let call = OpencodeCommand.invocation(settings, request, executable: "opencode")
    #expect(
      call.arguments == [
        "run", "--format", "json", "--dangerously-skip-permissions", "--session=" + opencodeSessionID, "--variant",
        "medium", "--thinking", "--", "second",
      ])
  }

  @Test("follow-up without a known opencode session id: no --session, still no prefix")
  func followUpWithoutSession() {
    let request = TurnRequest(message: "second", sessionID: "caw-id", continuesConversation: true)
    let call = OpencodeCommand.invocation(
      AgentSettings(provider: .opencode, systemPrompt: "SYS"), request, executable: "opencode")
    #expect(call.arguments == ["run", "--format", "json", "--dangerously-skip-permissions", "--thinking", "--", "second"])
  }

  @Test("the config file goes into OPENCODE_CONFIG, not argv")
  func configEnvironment() {
    let request = TurnRequest(message: "m", sessionID: "s", configFile: "/tmp/caw_opencode_x1.json")
    let call = OpencodeCommand.invocation(
      AgentSettings(provider: .opencode, tools: .reader), request, executable: "opencode")
    #expect(call.environmentOverrides == ["OPENCODE_CONFIG": "/tmp/caw_opencode_x1.json"])
    #expect(!call.arguments.contains("/tmp/caw_opencode_x1.json"))
  }

  @Test("disabled tools: excluded groups' tool ids in caw's order; default and ALL disable nothing")
  func disabledTools() {
    #expect(OpencodeCommand.disabledTools(.noInteraction) == [])
    #expect(OpencodeCommand.disabledTools(.all) == [])
    #expect(OpencodeCommand.disabledTools([.reader, .exec]) == ["edit", "write", "webfetch", "websearch", "task"])
    #expect(
      OpencodeCommand.disabledTools(.interaction)
        == ["read", "glob", "grep", "edit", "write", "bash", "webfetch", "websearch", "task"])
  }

  @Test("config file: nil with nothing to say; tools only; mcp remote/local with environment only when set")
  func configFile() throws {
    #expect(OpencodeCommand.configFile(AgentSettings(provider: .opencode)) == nil)
    let toolsOnly = try #require(
      OpencodeCommand.configFile(AgentSettings(provider: .opencode, tools: [.reader, .exec])))
    #expect(
      PythonJSONWriter.string(toolsOnly, style: .singleLine)
        == #"{"$schema": "https://opencode.ai/config.json", "tools": {"edit": false, "write": false, "webfetch": false, "websearch": false, "task": false}}"#
    )
    let servers = [
      webServer, MCPServer(name: "docs", command: "python", args: ["-m", "docs_srv"], env: ["TOKEN": "t0k"]),
      MCPServer(name: "plain", command: "srv"),
    ]
    let mcpOnly = try #require(OpencodeCommand.configFile(AgentSettings(provider: .opencode, mcpServers: servers)))
    #expect(
      PythonJSONWriter.string(mcpOnly, style: .singleLine)
        == #"{"$schema": "https://opencode.ai/config.json", "mcp": {"web": {"type": "remote", "url": "http://127.0.0.1:9999/mcp"}, "docs": {"type": "local", "command": ["python", "-m", "docs_srv"], "environment": {"TOKEN": "t0k"}}, "plain": {"type": "local", "command": ["srv"]}}}"#
    )
    let both = try #require(
      OpencodeCommand.configFile(
        AgentSettings(provider: .opencode, tools: .noInteraction.subtracting(.web), mcpServers: [webServer])))
    #expect(
      PythonJSONWriter.string(both, style: .singleLine)
        == #"{"$schema": "https://opencode.ai/config.json", "mcp": {"web": {"type": "remote", "url": "http://127.0.0.1:9999/mcp"}}, "tools": {"webfetch": false, "websearch": false}}"#
    )
  }
}

@Suite("PromptText, ToolGroup parsing and Invocation.commandLine")
struct InvocationHelpersTests {
  @Test("the system prompt prefix applies only to a new session's first turn")
  func promptText() {
    let settings = AgentSettings(provider: .codex, systemPrompt: "Be brief.")
    #expect(PromptText.first(settings, TurnRequest(message: "hi", sessionID: "s")) == "Be brief.\n\nhi")
    #expect(PromptText.first(settings, TurnRequest(message: "hi", sessionID: "s", continuesConversation: true)) == "hi")
    #expect(PromptText.first(AgentSettings(provider: .codex), TurnRequest(message: "hi", sessionID: "s")) == "hi")
  }

  @Test("ToolGroup names: lists, all, no_interaction, case and spaces; empty and unknown are errors")
  func toolGroupNames() throws {
    #expect(try ToolGroup(names: "reader, EXEC") == [.reader, .exec])
    #expect(try ToolGroup(names: "all") == .all)
    #expect(try ToolGroup(names: "no_interaction") == .noInteraction)
    #expect(try ToolGroup(names: "no-interaction,interaction") == .all)
    #expect(throws: CawError(.invalidArgument, "ToolGroup must not be empty — at least one group is required.")) {
      try ToolGroup(names: "")
    }
    #expect(
      throws: CawError(
        .invalidArgument,
        "unknown tool group 'shell'; known groups: reader, writer, exec, web, parallel, interaction, all, no_interaction"
      )
    ) {
      try ToolGroup(names: "reader,shell")
    }
  }

  @Test("commandLine quotes what a shell would split or expand")
  func commandLine() {
    let call = Invocation(
      executable: "codex", arguments: ["exec", #"model_reasoning_effort="high""#, "SYS\n\nit's", "a,b=c:d"])
    #expect(call.commandLine == #"codex exec 'model_reasoning_effort="high"' 'SYS"# + "\n\n" + #"it'\''s' a,b=c:d"#)
    #expect(Invocation(executable: "x", arguments: [""]).commandLine == "x ''")
  }
}
