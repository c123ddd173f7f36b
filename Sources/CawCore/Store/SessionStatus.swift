/// Where a session stands, as far as its files tell.
public enum SessionStatus: String, Sendable, Equatable, CaseIterable {
  /// Ended normally (`completed_at` set, not usage-limited).
  case finished
  /// Ended on the provider's usage limit.
  case usageLimited = "usage-limited"
  /// Its last turn ended on an error (an API error; see ``Trajectory/failedTurns``).
  case failed
  /// Not ended: running, between turns, or abandoned (caw writes nothing that tells these apart).
  case unfinished
  /// No trajectory could be read from its files.
  case broken

  /// The status a readable trajectory implies.
  public init(_ trajectory: Trajectory) {
    self.init(
      lastTurnFailed: trajectory.lastTurnFailed, completedAt: trajectory.completedAt,
      usageLimited: trajectory.usageLimited)
  }

  /// The status from the three fields it depends on.
  init(lastTurnFailed: Bool, completedAt: String, usageLimited: Bool) {
    if lastTurnFailed {
      self = .failed
    } else if completedAt.isEmpty {
      self = .unfinished
    } else {
      self = usageLimited ? .usageLimited : .finished
    }
  }
}
