extension JSONValue: ExpressibleByStringLiteral {
  /// A string value from a literal.
  public init(stringLiteral value: String) {
    self = .string(value)
  }
}
