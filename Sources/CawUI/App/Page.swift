/// A screen of the drill-down stack; the browser is always at the bottom.
public enum Page: Hashable, Sendable {
  /// The session list, timeline and cost panes.
  case browser
  /// A subagent's turns, opened from the tool call that ran it.
  case subagent(TrajectoryPath)
  /// One turn's transcript.
  case transcript(TrajectoryPath, turn: Int)
  /// One tool call in full.
  case toolCall(TrajectoryPath, TrajectoryPath.Step)

  /// The session the page shows (nil for the browser).
  public var sessionID: String? {
    switch self {
    case .browser: nil
    case .subagent(let path), .transcript(let path, _), .toolCall(let path, _): path.sessionID
    }
  }
}
