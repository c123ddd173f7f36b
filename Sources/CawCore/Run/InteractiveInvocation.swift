import Foundation

/// The command line that opens a session in the provider's own interactive UI (spec §10.1): the
/// recorded session resumed (`claude --resume`, `codex resume`, `opencode --session`), or a new one
/// started with the chosen provider, model, reasoning, system prompt and first prompt.
///
/// Unlike the headless command lines, no permission bypass is passed: the person at the terminal
/// answers the CLI's own approval prompts.
public enum InteractiveInvocation {
  /// Opens the recorded session `trajectory` in its CLI, in its recorded working directory.
  /// - Throws: ``CawError`` when the provider is unknown, the session has no resume key, or the CLI
  ///   is not installed.
  public static func resume(_ trajectory: Trajectory, environment: [String: String]) throws(CawError) -> Invocation {
    guard let provider = Provider(name: trajectory.agent) else {
      throw CawError(.resume, "Cannot open '\(trajectory.sessionID)': unknown provider '\(trajectory.agent)'")
    }
    guard let key = provider.resumeKey(from: trajectory) else {
      throw CawError(.resume, "Cannot open '\(trajectory.sessionID)': no resume key was persisted for this session.")
    }
    let executable = try locate(provider, environment: environment)
    var arguments: [String]
    switch provider {
    case .claudeCode:
      arguments = ["--resume", key]
      if !trajectory.model.isEmpty { arguments += ["--model", trajectory.model] }
    case .codex:
      arguments = ["resume", key]
      if !trajectory.model.isEmpty { arguments += ["-m", trajectory.model] }
    case .opencode:
      arguments = ["--session", key]
      if !trajectory.model.isEmpty { arguments += ["--model", trajectory.model] }
    }
    let directory = trajectory.workingDirectory.flatMap { FileSystem.isDirectory($0) ? $0 : nil }
    return Invocation(executable: executable, arguments: arguments, workingDirectory: directory)
  }

  /// Starts a new session in the CLI's own UI with `settings` and an optional first `prompt`. caw-tui
  /// records nothing of it (as caw's `Agent.interactive`); the CLI keeps its own record.
  public static func start(_ settings: AgentSettings, prompt: String, environment: [String: String]) throws(CawError)
    -> Invocation
  {
    let executable = try locate(settings.provider, environment: environment)
    var arguments: [String] = []
    switch settings.provider {
    case .claudeCode:
      if !settings.model.isEmpty { arguments += ["--model", settings.model] }
      if !settings.systemPrompt.isEmpty { arguments += ["--system-prompt", settings.systemPrompt] }
      if !settings.reasoning.isEmpty { arguments += ["--effort", settings.reasoning] }
      if !prompt.isEmpty { arguments.append(prompt) }
    case .codex:
      if !settings.model.isEmpty { arguments += ["-m", settings.model] }
      if !settings.reasoning.isEmpty { arguments += ["-c", "model_reasoning_effort=\"\(settings.reasoning)\""] }
      let first = settings.systemPrompt.isEmpty ? prompt : settings.systemPrompt + "\n\n" + prompt
      if !first.isEmpty { arguments.append(first) }
    case .opencode:
      if !settings.model.isEmpty { arguments += ["--model", settings.model] }
      if !prompt.isEmpty { arguments += ["--prompt", prompt] }
    }
    return Invocation(executable: executable, arguments: arguments, workingDirectory: settings.workingDirectory)
  }

  private static func locate(_ provider: Provider, environment: [String: String]) throws(CawError) -> String {
    guard let path = ExecutableLocator(environment: environment).locate(provider) else {
      throw CawError(.agent, ExecutableLocator.installHint(provider))
    }
    return path
  }
}
