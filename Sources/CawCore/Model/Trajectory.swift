import OrderedCollections

/// The complete record of a session, as caw's `trajectory.json` holds it.
public struct Trajectory: Sendable, Equatable {
  /// Canonical provider name: `claude_code`, `codex` or `opencode`.
  public var agent: String
  /// The model passed to the CLI, `""` if none.
  public var model: String
  /// caw's session id (the directory name).
  public var sessionID: String
  /// ISO 8601 start time with `+00:00`, kept across resumes.
  public var createdAt: String
  /// ISO 8601 end time, `""` while the session has not been ended.
  public var completedAt: String
  /// Whether the last turn hit the provider's usage limit (set at session end).
  public var usageLimited: Bool
  /// The system prompt, `""` if none.
  public var systemPrompt: String
  /// The reasoning effort as given, `""` if none.
  public var reasoning: String
  /// MCP servers given to the CLI.
  public var mcpServers: [MCPServer]
  /// The turns, the last one possibly still in progress.
  public var turns: [Turn]
  /// This agent's own usage (subagents excluded).
  public var usage: UsageStats
  /// Sum of the turns' durations in milliseconds.
  public var durationMS: Int
  /// Free-form metadata (`thread_id`, `opencode_session_id`, user keys, `cwd`).
  public var metadata: JSONObject

  /// Creates a trajectory with caw's defaults.
  public init(
    agent: String, model: String = "", sessionID: String = "", createdAt: String = "",
    completedAt: String = "", usageLimited: Bool = false, systemPrompt: String = "", reasoning: String = "",
    mcpServers: [MCPServer] = [], turns: [Turn] = [], usage: UsageStats = UsageStats(), durationMS: Int = 0,
    metadata: JSONObject = [:]
  ) {
    self.agent = agent
    self.model = model
    self.sessionID = sessionID
    self.createdAt = createdAt
    self.completedAt = completedAt
    self.usageLimited = usageLimited
    self.systemPrompt = systemPrompt
    self.reasoning = reasoning
    self.mcpServers = mcpServers
    self.turns = turns
    self.usage = usage
    self.durationMS = durationMS
    self.metadata = metadata
  }

  /// Own usage plus the total usage of every nested subagent, counted once (caw's `total_usage`).
  public var totalUsage: UsageStats {
    subagentTrajectories.reduce(usage) { $0 + $1.totalUsage }
  }

  /// Subagent trajectories started by this agent's own tool calls (one level).
  public var subagentTrajectories: [Trajectory] {
    var found: [Trajectory] = []
    for turn in turns {
      for block in turn.output {
        if case .toolUse(let call) = block, let sub = call.subagentTrajectory { found.append(sub) }
      }
    }
    return found
  }

  /// Tool calls of this agent's own turns (caw's `total_tool_calls`).
  public var toolCallCount: Int { turns.reduce(0) { $0 + $1.toolCallTally.calls } }

  /// Tool calls here and in every nested subagent.
  public var recursiveToolCallCount: Int {
    toolCallCount + subagentTrajectories.reduce(0) { $0 + $1.recursiveToolCallCount }
  }

  /// Failed tool calls here and in every nested subagent (as `caw traj` counts them).
  public var recursiveToolErrorCount: Int {
    turns.reduce(0) { $0 + $1.toolCallTally.errors }
      + subagentTrajectories.reduce(0) { $0 + $1.recursiveToolErrorCount }
  }

  /// Whether the session was ended normally (ended and not usage-limited).
  public var isComplete: Bool { !completedAt.isEmpty && !usageLimited }

  /// The last turn's result text.
  public var result: String { turns.last?.result ?? "" }
}

extension Trajectory {
  /// The directory the agent worked in, when caw-tui recorded it (`metadata.cwd`).
  public var workingDirectory: String? {
    guard let cwd = metadata["cwd"]?.stringValue, !cwd.isEmpty else { return nil }
    return cwd
  }
}
