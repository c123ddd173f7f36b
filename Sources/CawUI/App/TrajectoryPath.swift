/// Where a trajectory is: a session, then (for a subagent) the tool calls that started it.
public struct TrajectoryPath: Hashable, Sendable {
  /// A tool call inside a trajectory: turn index and output block index.
  public struct Step: Hashable, Sendable {
    /// The turn.
    public var turn: Int
    /// The block in the turn's output.
    public var block: Int

    /// Creates a step.
    public init(turn: Int, block: Int) {
      self.turn = turn
      self.block = block
    }
  }

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
