import OrderedCollections

extension Trajectory {
  /// The metadata key listing the turns that were interrupted (a stopped run, an aborted native turn) and
  /// recorded as far as they got.
  public static let cancelledTurnsKey = "cancelled_turns"

  /// The indices of the turns that were cancelled.
  public var cancelledTurns: [Int] {
    (metadata[Self.cancelledTurnsKey]?.arrayValue ?? []).compactMap { $0.numberValue?.intValue }
  }

  /// Whether the last turn was cancelled.
  public var lastTurnCancelled: Bool {
    !turns.isEmpty && cancelledTurns.contains(turns.count - 1)
  }
}
