import Synchronization

/// What was built last for a few keys, so a key or a frame that changes nothing in it does not build it
/// again (a transcript with megabytes of text takes long to wrap, a timeline or cost pane of a thousand
/// turns long to format, and every frame used to build them again).
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  /// How many values are kept.
  let capacity: Int

  private let entries = Mutex<[(key: Key, value: Value)]>([])

  /// A memo of the last `capacity` values.
  init(capacity: Int = 2) {
    self.capacity = capacity
  }

  /// The value for `key`, built by `build` unless it is kept.
  func value(_ key: Key, build: () -> Value) -> Value {
    if let hit = entries.withLock({ $0.first { $0.key == key }?.value }) { return hit }
    let value = build()
    entries.withLock { entries in
      entries.removeAll { $0.key == key }
      entries.append((key, value))
      if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
    return value
  }
}
