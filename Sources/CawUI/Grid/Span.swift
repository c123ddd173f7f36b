/// A run of text with one style role: the unit views build lines from.
public struct Span: Hashable, Sendable {
  /// The text.
  public var text: String
  /// Its role.
  public var role: StyleRole

  /// Creates a span.
  public init(_ text: String, _ role: StyleRole = .normal) {
    self.text = text
    self.role = role
  }
}

/// A line of styled spans.
public typealias StyledLine = [Span]
