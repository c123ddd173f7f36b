import CawCore

/// What the agent's own record of a caw session adds to it (outputs caw left empty, subagents it did
/// not record), and which store that record is in.
public struct LinkedAdditions: Equatable, Sendable {
  /// The store of the native record.
  public var origin: SessionOrigin
  /// What it adds.
  public var additions: NativeAdditions

  /// Additions from a record in `origin`.
  public init(origin: SessionOrigin, additions: NativeAdditions) {
    self.origin = origin
    self.additions = additions
  }

  /// Whether the root call at `step` has its output from the record.
  public func filledOutput(_ step: TrajectoryPath.Step) -> Bool {
    additions.outputs.contains { $0.turn == step.turn && $0.block == step.block }
  }

  /// What the timeline's title says: `+2 outputs from codex's record`.
  public var title: String {
    var parts: [String] = []
    let outputs = additions.outputs.count
    let subagents = additions.subagents.count
    if outputs > 0 { parts.append("\(outputs) output\(outputs == 1 ? "" : "s")") }
    if subagents > 0 { parts.append("\(subagents) subagent\(subagents == 1 ? "" : "s")") }
    return "+" + parts.joined(separator: ", ") + " from \(origin.rawValue)'s record"
  }
}
