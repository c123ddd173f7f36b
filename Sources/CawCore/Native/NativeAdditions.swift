/// What an agent's own record of a run holds that the caw session recorded from the same run lacks:
/// tool outputs caw left empty (codex command output, which caw 0.1.9 never records) and subagent
/// conversations caw flattened (Claude's `Task` sidechains).
public struct NativeAdditions: Sendable, Equatable {
  /// One tool call's output found only in the native record.
  public struct Output: Sendable, Equatable {
    /// Where the call is in the caw trajectory.
    public var turn: Int
    /// The call's block index in that turn.
    public var block: Int
    /// The output the native record holds.
    public var output: String
    /// Whether the native record says the call failed.
    public var isError: Bool
  }

  /// One subagent conversation found only in the native record.
  public struct Subagent: Sendable, Equatable {
    /// Where the call that ran it is in the caw trajectory.
    public var turn: Int
    /// The call's block index in that turn.
    public var block: Int
    /// The subagent's trajectory.
    public var trajectory: Trajectory
  }

  /// Outputs caw recorded empty.
  public var outputs: [Output] = []
  /// Subagents caw did not record.
  public var subagents: [Subagent] = []

  /// Whether the native record adds nothing.
  public var isEmpty: Bool { outputs.isEmpty && subagents.isEmpty }

  /// Compares a caw trajectory with the native record of the same run, turn by turn: calls are matched
  /// by id, else (codex, whose stream and rollout name calls differently) by their order among the
  /// turn's command calls.
  public init(caw: Trajectory, native: Trajectory) {
    for (t, turn) in caw.turns.enumerated() where t < native.turns.count {
      let nativeCalls = native.turns[t].toolCalls
      var byID: [String: ToolUse] = [:]
      for call in nativeCalls where !call.id.isEmpty { byID[call.id] = call }
      let nativeCommands = nativeCalls.filter { Self.isCommand($0.name) }
      var commandIndex = 0
      for (b, block) in turn.output.enumerated() {
        guard let call = block.toolUse else { continue }
        var match = byID[call.id]
        if match == nil, Self.isCommand(call.name) {
          if commandIndex < nativeCommands.count { match = nativeCommands[commandIndex] }
          commandIndex += 1
        }
        guard let match else { continue }
        if call.output.isEmpty && !match.output.isEmpty {
          outputs.append(Output(turn: t, block: b, output: match.output, isError: match.isError))
        }
        if call.subagentTrajectory == nil, let sub = match.subagentTrajectory {
          subagents.append(Subagent(turn: t, block: b, trajectory: sub))
        }
      }
    }
  }

  /// `trajectory` with the additions filled in (outputs and subagents where caw had none).
  public func applied(to trajectory: Trajectory) -> Trajectory {
    var result = trajectory
    for addition in outputs {
      guard case .toolUse(var call) = result.turns[addition.turn].output[addition.block] else { continue }
      call.output = addition.output
      call.isError = call.isError || addition.isError
      result.turns[addition.turn].output[addition.block] = .toolUse(call)
    }
    for addition in subagents {
      guard case .toolUse(var call) = result.turns[addition.turn].output[addition.block] else { continue }
      call.subagentTrajectory = addition.trajectory
      result.turns[addition.turn].output[addition.block] = .toolUse(call)
    }
    return result
  }

  /// Whether a tool runs a shell command (codex's names in its stream and in its rollouts).
  static func isCommand(_ name: String) -> Bool {
    ["command_execution", "shell", "exec_command", "shell_command", "local_shell", "container.exec"].contains(name)
  }
}
