import CawCore
import OrderedCollections

/// Small helpers for reading into and rewriting parsed JSON in tests.
extension JSONValue {
  /// The element at `index` when this is an array long enough.
  subscript(index: Int) -> JSONValue? {
    guard let items = arrayValue, items.indices.contains(index) else { return nil }
    return items[index]
  }

  /// A copy whose `key` holds `transform(old value)`; a nil result removes the key.
  func with(_ key: String, _ transform: (JSONValue?) -> JSONValue?) -> JSONValue {
    guard var object = objectValue else { return self }
    object[key] = transform(object[key])
    return .object(object)
  }

  /// A copy whose element `index` is replaced by `transform(element)`.
  func with(_ index: Int, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
    guard var items = arrayValue, items.indices.contains(index) else { return self }
    items[index] = transform(items[index])
    return .array(items)
  }
}
