import CawCore

/// The sessions the list shows, in order: the listed summaries and which of them show, by index, so a
/// keystroke that filters 10,000 sessions copies none of them.
public struct VisibleSessions: RandomAccessCollection, Equatable, Sendable {
  /// Every listed summary, shared with the list it was filtered from.
  public let base: [SessionSummary]
  /// The indices into `base` of the sessions shown, in order.
  public let order: [Int]

  /// The sessions of `base` at `order`.
  public init(_ base: [SessionSummary], order: [Int]) {
    self.base = base
    self.order = order
  }

  /// All of `summaries`, in their order.
  public init(_ summaries: [SessionSummary] = []) {
    self.init(summaries, order: Array(summaries.indices))
  }

  /// The first visible session's position: 0.
  public var startIndex: Int { 0 }
  /// One past the last visible session's position.
  public var endIndex: Int { order.count }

  /// The visible session at `position`, lent where it lies in the list, not copied out of it.
  public subscript(position: Int) -> SessionSummary {
    _read { yield base[order[position]] }
  }

  /// Where session `id` shows, if it does.
  public func firstIndex(ofID id: String?) -> Int? {
    guard let id else { return nil }
    return order.firstIndex { base[$0].id == id }
  }

  /// Whether both show the same sessions in the same order (at once when they share their list).
  public static func == (a: VisibleSessions, b: VisibleSessions) -> Bool {
    guard a.order.count == b.order.count else { return false }
    let sameList = a.base.withUnsafeBufferPointer { x in
      b.base.withUnsafeBufferPointer { x.baseAddress == $0.baseAddress }
    }
    return (sameList && a.order == b.order) || a.elementsEqual(b)
  }
}
