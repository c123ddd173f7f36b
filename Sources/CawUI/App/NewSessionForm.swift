/// The `n` form: provider, model or tier, reasoning, system prompt, working directory, prompt, then
/// (optional) a subagents file and whether to open the agent's own interactive UI instead of a run.
public struct NewSessionForm: Hashable, Sendable {
  /// One field of the form.
  public enum Field: Int, CaseIterable, Hashable, Sendable {
    case provider, model, reasoning, systemPrompt, directory, prompt, agents, mode

    /// The label shown before the value.
    public var label: String {
      switch self {
      case .provider: "Provider"
      case .model: "Model or tier"
      case .reasoning: "Reasoning"
      case .systemPrompt: "System prompt"
      case .directory: "Directory"
      case .prompt: "Prompt"
      case .agents: "Subagents"
      case .mode: "Start as"
      }
    }

    /// What to type, shown under the form while the field is focused.
    public var hint: String {
      switch self {
      case .provider: "claude_code, codex or opencode"
      case .model: "a model name, or the tier strongest or fast; empty for the CLI's default"
      case .reasoning: "low, medium, high…; empty for none"
      case .systemPrompt: "empty for none"
      case .directory: "where the agent works"
      case .prompt: "the first message; Enter starts the session (Tab: subagents, interactive)"
      case .agents: "a JSON file of subagent specs (as run --agents takes); empty for none"
      case .mode: "Space switches: a recorded run in the background, or the agent's own interactive UI"
      }
    }
  }

  /// The values typed, one per field.
  public struct Values: Hashable, Sendable {
    public var provider = "claude_code"
    public var model = ""
    public var reasoning = ""
    public var systemPrompt = ""
    public var directory = ""
    public var prompt = ""
    public var agents = ""
    /// Whether to open the agent's own interactive UI instead of starting a recorded run.
    public var interactive = false

    /// Values with the directory filled in.
    public init(directory: String = "") { self.directory = directory }

    /// The value of `field`.
    public subscript(field: Field) -> String {
      get {
        switch field {
        case .provider: provider
        case .model: model
        case .reasoning: reasoning
        case .systemPrompt: systemPrompt
        case .directory: directory
        case .prompt: prompt
        case .agents: agents
        case .mode: interactive ? "interactive: the agent's own UI, here" : "background run, recorded"
        }
      }
      set {
        switch field {
        case .provider: provider = newValue
        case .model: model = newValue
        case .reasoning: reasoning = newValue
        case .systemPrompt: systemPrompt = newValue
        case .directory: directory = newValue
        case .prompt: prompt = newValue
        case .agents: agents = newValue
        case .mode: break
        }
      }
    }
  }

  /// What has been typed.
  public var values: Values
  /// The field being typed in.
  public var field = Field.provider

  /// A fresh form whose directory defaults to `directory`.
  public init(directory: String) { values = Values(directory: directory) }

  /// Whether Enter starts the session: on the prompt and the optional fields after it.
  public var startsOnEnter: Bool { field.rawValue >= Field.prompt.rawValue }

  /// Moves to the next (or previous) field, staying within the form.
  public mutating func step(forward: Bool) {
    let next = field.rawValue + (forward ? 1 : -1)
    if let moved = Field(rawValue: min(max(next, 0), Field.allCases.count - 1)) { field = moved }
  }
}
