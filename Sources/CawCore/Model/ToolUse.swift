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
    get { subagent?.value }
    set { subagent = newValue.map(Boxed.init) }
  }
  /// Where the whole output lies when a view's read left it in the file; `output` then holds its head and
  /// a note of what is left out (such a trajectory is for showing, never for writing back).
  public var deferredOutput: DeferredText? {
    get { deferred?.value }
    set { deferred = newValue.map(Boxed.init) }
  }
  // Boxed: held inline they would make every tool call (and every block of a turn) a few hundred bytes
  // larger, though few calls start a subagent or have an output left in the file.
  private var subagent: Boxed<Trajectory>?
  private var deferred: Boxed<DeferredText>?

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

/// A value held by reference, compared by value.
private final class Boxed<Value: Sendable & Equatable>: Sendable, Equatable {
  let value: Value

  init(_ value: Value) {
    self.value = value
  }

  static func == (a: Boxed, b: Boxed) -> Bool { a === b || a.value == b.value }
}
