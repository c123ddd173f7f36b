import OrderedCollections
import CawCore

/// A subagent the agent can call as a tool (caw's `AgentSpec`, spec §3.7): who it is, how it runs, and
/// its own tools and subagents, to any depth.
///
/// Unlike caw, which always runs subagents on the default provider and ignores `reasoning`, a spec may
/// name its `provider` (a claude agent can call a codex subagent) and its reasoning effort is used.
public struct AgentSpec: Sendable {
  /// The name: the tool is named after it (see ``toolName``) and its `traj.jsonl` events are tagged
  /// with it as given.
  public var name: String
  /// What the subagent is for; the calling model reads it as the tool's description.
  public var description: String
  /// The subagent's system prompt.
  public var systemPrompt: String
  /// The CLI it runs on; nil for the default provider as caw resolves it (``Provider/defaultProvider(environment:)``).
  public var provider: Provider?
  /// The model, `""` for `tier`, else `$CAW_MODEL`, else the CLI's default.
  public var model: String
  /// A model tier, used when `model` is empty.
  public var tier: ModelTier?
  /// The reasoning effort, `""` for `$CAW_EFFORT` or none.
  public var reasoning: String
  /// The tool groups it may use; nil for caw's default (all but asking the user).
  public var tools: ToolGroup?
  /// External MCP servers it gets.
  public var mcpServers: [MCPServer]
  /// Our own tool servers it gets.
  public var toolServers: [ToolServer]
  /// Its own subagents.
  public var subagents: [AgentSpec]
  /// Free-form metadata (kept for the caller; caw ignores it too).
  public var metadata: JSONObject

  /// Creates a spec.
  public init(
    name: String, description: String = "", systemPrompt: String = "", provider: Provider? = nil, model: String = "",
    tier: ModelTier? = nil, reasoning: String = "", tools: ToolGroup? = nil, mcpServers: [MCPServer] = [],
    toolServers: [ToolServer] = [], subagents: [AgentSpec] = [], metadata: JSONObject = [:]
  ) {
    self.name = name
    self.description = description
    self.systemPrompt = systemPrompt
    self.provider = provider
    self.model = model
    self.tier = tier
    self.reasoning = reasoning
    self.tools = tools
    self.mcpServers = mcpServers
    self.toolServers = toolServers
    self.subagents = subagents
    self.metadata = metadata
  }

  /// The tool's name: the spec name with every character outside `[A-Za-z0-9_.-]` replaced by `_`, as
  /// caw names it. Claude sees it as `mcp__subagent__<tool>`, codex as `subagent.<tool>`.
  public var toolName: String {
    String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
      scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar))
        ? scalar : "_"
    }))
  }

  /// The settings the subagent's session runs with in `context`.
  public func settings(in context: SubagentContext) throws(CawError) -> AgentSettings {
    let variables = context.environment.variables
    let provider: Provider
    if let chosen = self.provider { provider = chosen } else { provider = try Provider.defaultProvider(environment: variables) }
    var settings = AgentSettings(provider: provider, systemPrompt: systemPrompt, workingDirectory: context.workingDirectory)
    if !model.isEmpty {
      settings.model = model
    } else if let tier {
      settings.model = ModelTierResolver(environment: variables).resolve(tier, for: provider).model ?? ""
    } else {
      settings.model = variables["CAW_MODEL"] ?? ""
    }
    settings.reasoning = reasoning.isEmpty ? variables["CAW_EFFORT"] ?? "" : reasoning
    if let tools { settings.tools = tools }
    return settings
  }

  /// Checks the whole tree: names present and tool names unique among siblings.
  func validate() throws(CawError) {
    guard !name.isEmpty else { throw CawError(.invalidArgument, "a subagent needs a name") }
    for server in toolServers { try server.validate() }
    var seen: Set<String> = []
    for subagent in subagents {
      try subagent.validate()
      guard seen.insert(subagent.toolName).inserted else {
        throw CawError(.invalidArgument, "two subagents of '\(name)' have the tool name '\(subagent.toolName)'")
      }
    }
  }
}
