/// The prompt text codex and opencode receive: the system prompt is prefixed on a new session's first
/// turn, since neither CLI has a system-prompt flag.
enum PromptText {
  /// The message, prefixed with `"<system prompt>\n\n"` on a new session's first turn.
  static func first(_ settings: AgentSettings, _ request: TurnRequest) -> String {
    guard !request.continuesConversation, !settings.systemPrompt.isEmpty else { return request.message }
    return settings.systemPrompt + "\n\n" + request.message
  }
}
