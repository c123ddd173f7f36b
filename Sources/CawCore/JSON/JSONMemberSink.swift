/// Receives an object's members in order: ``JSONMemberWriter`` writes them as Python's `json.dumps`
/// would, ``JSONObjectBuilder`` keeps them as a ``JSONObject``; one list of members serves both.
public protocol JSONMemberSink {
  /// Adds the member `key` (plain ASCII) with `value`.
  mutating func add(_ key: StaticString, _ value: JSONValue)
  /// Adds the member `key` (plain ASCII) whose value is the object of the members `body` adds.
  mutating func addObject(_ key: StaticString, _ body: (inout Self) -> Void)
}
