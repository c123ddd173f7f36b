/// The `codex exec` command lines of spec §5.2.
enum CodexCommand {
  /// The sandbox mode the tool groups map to (nil: no sandbox), and what the mapping loses. Unlike caw,
  /// losing INTERACTION is not warned about: `codex exec` never asks the user anyway.
  static func sandbox(_ tools: ToolGroup) -> (mode: String?, warnings: [String]) {
    guard tools != .all else { return (nil, []) }
    var warnings: [String] = []
    let lost = [("PARALLEL", ToolGroup.parallel), ("WEB", .web)].filter { !tools.contains($0.1) }
    if !lost.isEmpty {
      warnings.append(
        "Codex provider cannot enforce per-tool restrictions for "
          + lost.map(\.0).joined(separator: ", ")
          + "; these distinctions are lost in sandbox-level mapping.")
    }
    if tools.contains(.exec) { return ("danger-full-access", warnings) }
    if tools.contains(.writer) { return ("workspace-write", warnings) }
    if tools.contains(.reader) { return ("read-only", warnings) }
    warnings.append("Codex: no file/exec groups enabled; defaulting to read-only sandbox.")
    return ("read-only", warnings)
  }

  /// `codex exec [resume THREAD] ...`; the prompt is the last argument.
  static func invocation(_ settings: AgentSettings, _ request: TurnRequest, executable: String) -> Invocation {
    var args = ["exec"]
    if request.continuesConversation { args += ["resume", request.resumeKey] }
    let (mode, warnings) = sandbox(settings.tools)
    if mode == nil || mode == "danger-full-access" {
      args.append("--dangerously-bypass-approvals-and-sandbox")
    } else if let mode {
      args += ["--full-auto", "--sandbox", mode]
    }
    args += ["--skip-git-repo-check", "--json"]
    if !settings.model.isEmpty { args += ["-m", settings.model] }
    if !settings.reasoning.isEmpty { args += ["-c", "model_reasoning_effort=\"\(settings.reasoning)\""] }
    for server in settings.mcpServers {
      if !server.url.isEmpty {
        args += ["-c", "mcp_servers.\(server.name).url=\"\(server.url)\""]
      } else {
        args += ["-c", "mcp_servers.\(server.name).command=\"\(server.command)\""]
        if !server.args.isEmpty {
          let list = PythonJSONWriter.string(.array(server.args.map(JSONValue.string)), style: .singleLine)
          args += ["-c", "mcp_servers.\(server.name).args=\(list)"]
        }
      }
    }
    args.append(PromptText.first(settings, request))
    return Invocation(
      executable: executable, arguments: args, workingDirectory: settings.workingDirectory, warnings: warnings)
  }
}
