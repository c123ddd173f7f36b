import OrderedCollections

/// A tool call and its result, possibly carrying the whole trajectory of a subagent it ran.
public struct ToolUse: Sendable, Equatable {
  /// The provider's call id.
  public var id: String
  /// The tool's name, e.g. `Bash` or `mcp__subagent__reviewer`.
  public var name: String
  /// The call's arguments, normally an object (kept as any JSON value, as caw keeps it).
  public var arguments: JSONValue
  /// The tool's output text.
  public var output: String
  /// Whether the tool reported an error.
  public var isError: Bool
  /// The subagent run this call started, when it was a caw subagent.
  public var subagentTrajectory: Trajectory? {
    get { subagent?.trajectory }
    set { subagent = newValue.map(SubagentBox.init) }
  }
  /// The subagent's trajectory, boxed: held inline it would make every tool call (and every block of a
  /// turn) several hundred bytes larger, though few calls start a subagent.
  private var subagent: SubagentBox?
  /// Where the whole output lies when a view's read left it in the file; `output` then holds its head and
  /// a note of what is left out (such a trajectory is for showing, never for writing back).
  public var deferredOutput: DeferredText?

  /// Creates a tool call with caw's defaults.
  public init(
    id: String, name: String, arguments: JSONValue = .object([:]), output: String = "",
    isError: Bool = false, subagentTrajectory: Trajectory? = nil
  ) {
    self.id = id
    self.name = name
    self.arguments = arguments
    self.output = output
    self.isError = isError
    self.subagentTrajectory = subagentTrajectory
  }
}

/// A subagent's trajectory held by reference, compared by value.
private final class SubagentBox: Sendable, Equatable {
  let trajectory: Trajectory

  init(_ trajectory: Trajectory) {
    self.trajectory = trajectory
  }

  static func == (a: SubagentBox, b: SubagentBox) -> Bool { a === b || a.trajectory == b.trajectory }
}
