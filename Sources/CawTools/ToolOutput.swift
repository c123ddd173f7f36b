import OrderedCollections
/// What a tool of ours answers: text for the agent, and whether it is an error.
public struct ToolOutput: Sendable, Equatable {
  /// The text the agent reads.
  public var text: String
  /// Whether the call failed (the CLI records the call as an error).
  public var isError: Bool

  /// Creates an answer.
  public init(text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }

  /// A successful answer.
  public static func text(_ text: String) -> ToolOutput { ToolOutput(text: text) }

  /// A failed call.
  public static func error(_ text: String) -> ToolOutput { ToolOutput(text: text, isError: true) }
}
