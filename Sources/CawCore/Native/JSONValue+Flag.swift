import OrderedCollections
extension JSONValue {
  /// The boolean, when this is `true` or `false`.
  var flag: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
}
