/// What a session runs with: provider, model, reasoning effort, system prompt, tools, MCP servers and
/// working directory. The same settings are recorded in the trajectory and reused on resume.
public struct AgentSettings: Sendable, Equatable {
  /// The agent CLI.
  public var provider: Provider
  /// The model name, `""` for the CLI's own default.
  public var model: String
  /// The reasoning effort (`--effort`, `model_reasoning_effort`, `--variant`), `""` for none.
  public var reasoning: String
  /// The system prompt, `""` for none.
  public var systemPrompt: String
  /// The tool groups the agent may use.
  public var tools: ToolGroup
  /// MCP servers handed to the CLI.
  public var mcpServers: [MCPServer]
  /// The directory the CLI runs in; nil for the current directory.
  public var workingDirectory: String?
  /// How long (seconds) the CLI may wait on one tool call of the named MCP server: codex's
  /// `tool_timeout_sec`, claude's per-server `timeout` (codex 0.163 gives up after 300 s, claude 2.1.327
  /// after 60 s: too soon for a subagent at work).
  public var mcpToolTimeouts: [String: Int] = [:]

  /// Creates settings with caw's defaults (no model, no reasoning, every tool but asking the user).
  public init(
    provider: Provider, model: String = "", reasoning: String = "", systemPrompt: String = "",
    tools: ToolGroup = .noInteraction, mcpServers: [MCPServer] = [], workingDirectory: String? = nil
  ) {
    self.provider = provider
    self.model = model
    self.reasoning = reasoning
    self.systemPrompt = systemPrompt
    self.tools = tools
    self.mcpServers = mcpServers
    self.workingDirectory = workingDirectory
  }
}
