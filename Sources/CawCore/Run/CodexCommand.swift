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

  /// The first codex whose `exec` has no `--full-auto` (it exits 2 on it) and whose `exec resume` takes the
  /// sandbox only as `-c sandbox_mode=...`. Older versions get the command lines of spec §5.2.
  static let sandboxConfigSince = [0, 163]

  /// `codex exec [resume] ... -- [THREAD] PROMPT`: the thread id and the prompt come after `--`, so
  /// neither can be read as an option. The sandbox flags follow the CLI's version
  /// (``TurnRequest/cliVersion``); without one they are caw's.
  static func invocation(_ settings: AgentSettings, _ request: TurnRequest, executable: String) -> Invocation {
    var args = ["exec"]
    if request.continuesConversation { args.append("resume") }
    let (mode, warnings) = sandbox(settings.tools)
    if mode == nil || mode == "danger-full-access" {
      args.append("--dangerously-bypass-approvals-and-sandbox")
    } else if let mode {
      if request.cliVersion?.isAtLeast(sandboxConfigSince) != true {
        args += ["--full-auto", "--sandbox", mode]
      } else if request.continuesConversation {
        args += ["-c", "sandbox_mode=\"\(mode)\""]
      } else {
        args += ["--sandbox", mode]
      }
    }
    args += ["--skip-git-repo-check", "--json"]
    if !settings.model.isEmpty { args += ["-m", settings.model] }
    if !settings.reasoning.isEmpty { args += ["-c", "model_reasoning_effort=\"\(settings.reasoning)\""] }
    for server in settings.mcpServers {
      if !server.url.isEmpty {
        args += ["-c", "mcp_servers.\(server.name).url=\"\(server.url)\""]
        if let seconds = settings.mcpToolTimeouts[server.name] {
          args += ["-c", "mcp_servers.\(server.name).tool_timeout_sec=\(seconds)"]
        }
      } else {
        args += ["-c", "mcp_servers.\(server.name).command=\"\(server.command)\""]
        if !server.args.isEmpty {
          let list = PythonJSONWriter.string(.array(server.args.map(JSONValue.string)), style: .singleLine)
          args += ["-c", "mcp_servers.\(server.name).args=\(list)"]
        }
      }
    }
    args.append("--")
    if request.continuesConversation { args.append(request.resumeKey) }
    args.append(PromptText.first(settings, request))
    return Invocation(
      executable: executable, arguments: args, workingDirectory: settings.workingDirectory, warnings: warnings)
  }
}
