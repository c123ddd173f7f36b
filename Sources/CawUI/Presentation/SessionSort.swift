import CawCore

/// The orders `s` cycles the session list through.
public enum SessionSort: String, Hashable, Sendable, CaseIterable {
  /// Newest first.
  case newest
  /// Most expensive first.
  case cost
  /// Most turns first.
  case turns
  /// Longest first.
  case duration

  /// The next order in the cycle.
  public var next: SessionSort {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// What this order sorts by, largest first (0 for all when newest: the start time decides); ties fall
  /// back to newest, then id, so the order is stable. A key per session, so a sort compares numbers
  /// instead of copying summaries.
  func key(_ summary: SessionSummary) -> Double {
    switch self {
    case .newest: 0
    case .cost: summary.totalUsage.cost
    case .turns: Double(summary.turnCount)
    case .duration: Double(summary.durationMS)
    }
  }
}
