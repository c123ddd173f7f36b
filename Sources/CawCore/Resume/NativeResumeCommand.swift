/// The shell line that continues a session in its provider CLI's own interactive UI, from the
/// directory it was recorded in (`claude --resume` finds a session only from its project directory).
public enum NativeResumeCommand {
  /// `cd DIR && claude --resume KEY`, `… codex resume KEY` or `… opencode --session KEY` (no `cd` when
  /// no directory was recorded); nil when the session has no resume key.
  public static func line(for trajectory: Trajectory) -> String? {
    guard let provider = Provider(name: trajectory.agent), let key = provider.resumeKey(from: trajectory) else {
      return nil
    }
    let quotedKey = Invocation.shellQuoted(key)
    let command =
      switch provider {
      case .claudeCode: "claude --resume \(quotedKey)"
      case .codex: "codex resume \(quotedKey)"
      case .opencode: "opencode --session \(quotedKey)"
      }
    guard let directory = trajectory.workingDirectory else { return command }
    return "cd \(Invocation.shellQuoted(directory)) && \(command)"
  }

  /// What the command is called in messages: `the claude resume command`.
  public static func label(for trajectory: Trajectory) -> String {
    let name =
      switch Provider(name: trajectory.agent) {
      case .claudeCode?: "claude"
      case .codex?: "codex"
      case .opencode?: "opencode"
      case nil: "CLI's"
      }
    return "the \(name) resume command"
  }
}
