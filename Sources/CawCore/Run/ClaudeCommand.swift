import OrderedCollections

/// The `claude` command lines of spec §5.1.
enum ClaudeCommand {
  /// Claude Code's tool names per group, in caw's order.
  static let toolsByGroup: [(ToolGroup, [String])] = [
    (.reader, ["Read", "Glob", "Grep"]), (.writer, ["Write", "Edit", "NotebookEdit"]), (.exec, ["Bash"]),
    (.web, ["WebFetch", "WebSearch"]), (.parallel, ["Task", "TaskOutput", "TaskStop"]),
    (.interaction, ["AskUserQuestion"]),
  ]

  /// `claude -p ...` for one turn; the prompt goes to stdin. Ids are joined to their options
  /// (`--resume=KEY`), so one that starts with `-` cannot be read as an option.
  static func invocation(_ settings: AgentSettings, _ request: TurnRequest, executable: String) -> Invocation {
    var args = ["-p", "--verbose", "--output-format", "stream-json", "--dangerously-skip-permissions"]
    if settings.tools != .all {
      let disallowed = toolsByGroup.filter { !settings.tools.contains($0.0) }.flatMap(\.1)
      if !disallowed.isEmpty { args += ["--disallowedTools", disallowed.joined(separator: ",")] }
    }
    if !settings.model.isEmpty { args += ["--model", settings.model] }
    if !settings.reasoning.isEmpty { args += ["--effort", settings.reasoning] }
    if request.continuesConversation {
      args.append("--resume=" + (request.resumeKey.isEmpty ? request.sessionID : request.resumeKey))
    } else {
      args.append("--session-id=" + request.sessionID)
      if !settings.systemPrompt.isEmpty { args += ["--system-prompt", settings.systemPrompt] }
    }
    if let config = request.configFile { args += ["--mcp-config", config] }
    return Invocation(
      executable: executable, arguments: args, standardInput: request.message,
      workingDirectory: settings.workingDirectory)
  }

  /// The `--mcp-config` file's content, nil when there are no servers.
  static func configFile(_ settings: AgentSettings) -> JSONValue? {
    guard !settings.mcpServers.isEmpty else { return nil }
    var servers = JSONObject()
    for server in settings.mcpServers {
      var entry = JSONObject()
      if !server.url.isEmpty {
        entry["type"] = .string("http")
        entry["url"] = .string(server.url)
        if let seconds = settings.mcpToolTimeouts[server.name] { entry["timeout"] = .number(.int(seconds * 1000)) }
      } else {
        entry["command"] = .string(server.command)
        entry["args"] = .array(server.args.map(JSONValue.string))
        if !server.env.isEmpty { entry["env"] = .object(server.env.mapValues(JSONValue.string)) }
      }
      servers[server.name] = .object(entry)
    }
    return .object(["mcpServers": .object(servers)])
  }
}
