import Synchronization

/// The documents built last, so a key or a frame that changes nothing in them does not build them again
/// (a transcript with megabytes of text takes long to wrap, and every key used to wrap it several times).
final class DocumentMemo: Sendable {
  /// The memo the documents share.
  static let shared = DocumentMemo()

  /// What a document's rows depend on.
  struct Key: Hashable, Sendable {
    var page: Page
    var width: Int
    var showThinking: Bool
    var expanded: Bool
    var inProgress: Bool
    /// ``AppState/trajectoriesVersion``: any change to the loaded sessions builds afresh.
    var version: Int
  }

  /// How many documents are kept.
  static let capacity = 2

  private let entries = Mutex<[(key: Key, lines: [DocumentLine])]>([])

  /// The rows for `key`, built by `build` unless they were built last time.
  func lines(_ key: Key, build: () -> [DocumentLine]) -> [DocumentLine] {
    if let hit = entries.withLock({ $0.first { $0.key == key }?.lines }) { return hit }
    let lines = build()
    entries.withLock { entries in
      entries.removeAll { $0.key == key }
      entries.append((key, lines))
      if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
    return lines
  }
}
