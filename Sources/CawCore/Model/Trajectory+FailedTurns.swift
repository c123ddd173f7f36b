import OrderedCollections

extension Trajectory {
  /// The metadata key listing the turns that ended on an error (an API error claude reported as its
  /// answer, an error item that ended a codex turn): caw-tui records them and marks them failed.
  public static let failedTurnsKey = "failed_turns"

  /// The indices of the turns that ended on an error.
  public var failedTurns: [Int] {
    (metadata[Self.failedTurnsKey]?.arrayValue ?? []).compactMap { $0.numberValue?.intValue }
  }

  /// Whether the last turn ended on an error.
  public var lastTurnFailed: Bool {
    !turns.isEmpty && failedTurns.contains(turns.count - 1)
  }
}
