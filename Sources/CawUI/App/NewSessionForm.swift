/// The `n` form: provider, model or tier, reasoning, system prompt, working directory, prompt.
public struct NewSessionForm: Hashable, Sendable {
  /// One field of the form.
  public enum Field: Int, CaseIterable, Hashable, Sendable {
    case provider, model, reasoning, systemPrompt, directory, prompt

    /// The label shown before the value.
    public var label: String {
      switch self {
      case .provider: "Provider"
      case .model: "Model or tier"
      case .reasoning: "Reasoning"
      case .systemPrompt: "System prompt"
      case .directory: "Directory"
      case .prompt: "Prompt"
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
      case .prompt: "the first message; Enter starts the session"
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

  /// Whether the form is on its last field.
  public var onLastField: Bool { field == Field.allCases.last }

  /// Moves to the next (or previous) field, staying within the form.
  public mutating func step(forward: Bool) {
    let next = field.rawValue + (forward ? 1 : -1)
    if let moved = Field(rawValue: min(max(next, 0), Field.allCases.count - 1)) { field = moved }
  }
}
