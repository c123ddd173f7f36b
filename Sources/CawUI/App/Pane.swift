/// The panes of the browser, in Tab order.
public enum Pane: String, Hashable, Sendable, CaseIterable {
  /// The session list.
  case sessions
  /// The selected session's turns.
  case timeline
  /// Tokens and cost.
  case cost

  /// The pane's title.
  public var title: String {
    switch self {
    case .sessions: "Sessions"
    case .timeline: "Timeline"
    case .cost: "Cost"
    }
  }
}
