import OrderedCollections

/// A ``JSONMemberSink`` that keeps the members as a ``JSONObject``.
public struct JSONObjectBuilder: JSONMemberSink {
  /// The members added so far, in order.
  public private(set) var object = JSONObject()

  /// An empty object.
  public init() {}

  /// Adds the member (a repeated key keeps its first place and takes the new value, as in Python).
  public mutating func add(_ key: StaticString, _ value: JSONValue) {
    object[key.description] = value
  }

  /// Adds the member whose value is the object `body` builds.
  public mutating func addObject(_ key: StaticString, _ body: (inout JSONObjectBuilder) -> Void) {
    var child = JSONObjectBuilder()
    body(&child)
    object[key.description] = .object(child.object)
  }
}
