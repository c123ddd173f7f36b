extension JSONValue: ExpressibleByStringLiteral {
  /// A string value from a literal.
  public init(stringLiteral value: String) {
    self = .string(value)
  }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  /// An integer value from a literal.
  public init(integerLiteral value: Int) {
    self = .number(.int(value))
  }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  /// A boolean value from a literal.
  public init(booleanLiteral value: Bool) {
    self = .bool(value)
  }
}
