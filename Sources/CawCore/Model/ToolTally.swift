/// How often each tool was called in a trajectory and all its subagents (as `caw traj` counts).
public struct ToolTally: Sendable {
  /// Tool names with their counts, most used first, then by name; an empty name is `<unknown>`.
  public let counts: [(name: String, count: Int)]

  /// Counts the tool calls of `trajectory`, recursively.
  public init(_ trajectory: Trajectory) {
    var tally: [String: Int] = [:]
    Self.count(trajectory, into: &tally)
    counts = tally.map { (name: $0.key, count: $0.value) }.sorted {
      $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
    }
  }

  private static func count(_ t: Trajectory, into tally: inout [String: Int]) {
    for turn in t.turns {
      for block in turn.output {
        guard case .toolUse(let call) = block else { continue }
        tally[call.name.isEmpty ? "<unknown>" : call.name, default: 0] += 1
        if let sub = call.subagentTrajectory { count(sub, into: &tally) }
      }
    }
  }
}
