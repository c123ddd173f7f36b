/// One element of a turn's output, in the order the agent produced it.
public enum ContentBlock: Sendable, Equatable {
  /// Assistant text.
  case text(String)
  /// Reasoning text (stored by caw under the key `text`).
  case thinking(String)
  /// A tool call with its result.
  case toolUse(ToolUse)

  /// The tool call, when this block is one.
  public var toolUse: ToolUse? {
    if case .toolUse(let call) = self { return call }
    return nil
  }
}
