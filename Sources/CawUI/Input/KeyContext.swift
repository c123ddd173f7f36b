/// Where a key is pressed: bindings apply in some contexts only.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
  /// The session list pane.
  case sessions
  /// A timeline (the browser's pane or a subagent page).
  case timeline
  /// The cost pane.
  case cost
  /// A subagent's timeline, opened from the tool call that ran it.
  case subagent
  /// A turn's transcript.
  case transcript
  /// A tool call.
  case toolCall

  /// How help names the context.
  public var title: String {
    switch self {
    case .sessions: "Session list"
    case .timeline: "Timeline"
    case .subagent: "Subagent"
    case .cost: "Cost"
    case .transcript: "Transcript"
    case .toolCall: "Tool call"
    }
  }
}
