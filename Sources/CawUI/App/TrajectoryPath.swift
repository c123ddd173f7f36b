import CawCore

/// Where a trajectory is: a session, then (for a subagent) the tool calls that started it.
public struct TrajectoryPath: Hashable, Sendable {
  /// A tool call inside a trajectory: turn index and output block index.
  public typealias Step = BlockPlace

  /// The session id.
  public var sessionID: String
  /// The tool calls leading to a nested subagent trajectory; empty for the session itself.
  public var steps: [Step]

  /// Creates a path.
  public init(sessionID: String, steps: [Step] = []) {
    self.sessionID = sessionID
    self.steps = steps
  }
}
