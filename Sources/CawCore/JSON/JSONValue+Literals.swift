import OrderedCollections

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

extension JSONValue: ExpressibleByArrayLiteral {
  /// An array value from a literal.
  public init(arrayLiteral elements: JSONValue...) {
    self = .array(elements)
  }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// An object value from a literal, keys in literal order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements, uniquingKeysWith: { _, last in last }))
  }
}
