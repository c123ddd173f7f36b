/// Where a session finds the trajectories of the subagents its tool calls ran (spec §3.7): the host of
/// its own subagent tool servers. ``AgentSession`` asks it while a turn runs, so a running subagent's
/// partial trajectory shows under its tool call in every snapshot, and at turn end, when the finished
/// trajectories are attached and caw's markers removed.
public protocol SubagentTrajectories: Sendable {
  /// The running turn's blocks with the trajectories of the subagents they started so far (running
  /// ones partial, finished ones complete with their marker removed).
  func live(_ blocks: [ContentBlock]) -> [ContentBlock]
  /// The finished turn's blocks: each tool output ending in caw's marker gets its subagent's trajectory
  /// and loses the marker.
  func finished(_ blocks: [ContentBlock]) -> [ContentBlock]
}
