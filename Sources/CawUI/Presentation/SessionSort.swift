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

  /// Whether `a` (started at `startedA`) comes before `b`; ties fall back to newest, then id, so the
  /// order is stable.
  func ordered(_ a: SessionSummary, _ b: SessionSummary, startedA ta: Double, startedB tb: Double) -> Bool {
    switch self {
    case .newest: break
    case .cost: if a.totalUsage.cost != b.totalUsage.cost { return a.totalUsage.cost > b.totalUsage.cost }
    case .turns: if a.turnCount != b.turnCount { return a.turnCount > b.turnCount }
    case .duration: if a.durationMS != b.durationMS { return a.durationMS > b.durationMS }
    }
    if ta != tb { return ta > tb }
    return a.id < b.id
  }
}
