import OrderedCollections
/// The `opencode run` command lines of spec §5.3.
enum OpencodeCommand {
  /// opencode's tool ids per group, in caw's order.
  static let toolsByGroup: [(ToolGroup, [String])] = [
    (.reader, ["read", "glob", "grep"]), (.writer, ["edit", "write"]), (.exec, ["bash"]),
    (.web, ["webfetch", "websearch"]), (.parallel, ["task"]),
  ]

  /// The tool ids the settings turn off.
  static func disabledTools(_ tools: ToolGroup) -> [String] {
    guard tools != .all else { return [] }
    return toolsByGroup.filter { !tools.contains($0.0) }.flatMap(\.1)
  }

  /// `opencode run --format json ... -- PROMPT`; the prompt comes after `--` and the session id is
  /// joined to its option, so neither can be read as an option; the config file goes in `OPENCODE_CONFIG`.
  static func invocation(_ settings: AgentSettings, _ request: TurnRequest, executable: String) -> Invocation {
    var args = ["run", "--format", "json", "--dangerously-skip-permissions"]
    if !request.resumeKey.isEmpty { args.append("--session=" + request.resumeKey) }
    if !settings.model.isEmpty { args += ["--model", settings.model] }
    if !settings.reasoning.isEmpty { args += ["--variant", settings.reasoning] }
    args += ["--thinking", "--", PromptText.first(settings, request)]
    var environment: [String: String] = [:]
    if let config = request.configFile { environment["OPENCODE_CONFIG"] = config }
    return Invocation(
      executable: executable, arguments: args, environmentOverrides: environment,
      workingDirectory: settings.workingDirectory)
  }

  /// The `OPENCODE_CONFIG` file's content, nil when there are neither servers nor disabled tools.
  static func configFile(_ settings: AgentSettings) -> JSONValue? {
    let disabled = disabledTools(settings.tools)
    guard !settings.mcpServers.isEmpty || !disabled.isEmpty else { return nil }
    var config: JSONObject = ["$schema": "https://opencode.ai/config.json"]
    if !settings.mcpServers.isEmpty {
      var servers = JSONObject()
      for server in settings.mcpServers {
        var entry = JSONObject()
        if !server.url.isEmpty {
          entry["type"] = "remote"
          entry["url"] = .string(server.url)
        } else {
          entry["type"] = "local"
          entry["command"] = .array(([server.command] + server.args).map(JSONValue.string))
          if !server.env.isEmpty { entry["environment"] = .object(server.env.mapValues(JSONValue.string)) }
        }
        servers[server.name] = .object(entry)
      }
      config["mcp"] = .object(servers)
    }
    if !disabled.isEmpty {
      config["tools"] = .object(JSONObject(uniqueKeysWithValues: disabled.map { ($0, JSONValue.bool(false)) }))
    }
    return .object(config)
  }
}
