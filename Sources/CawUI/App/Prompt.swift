/// A line being typed at the footer.
public struct Prompt: Hashable, Sendable {
  /// What the typed text is for.
  public enum Purpose: Hashable, Sendable {
    /// Filters the session list as it is typed.
    case filter
    /// Searches the open document when confirmed.
    case search
  }

  /// What the text is for.
  public var purpose: Purpose
  /// The text so far.
  public var text: String

  /// Creates a prompt.
  public init(_ purpose: Purpose, text: String = "") {
    self.purpose = purpose
    self.text = text
  }
}
