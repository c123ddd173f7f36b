import OrderedCollections
import CawCore
import Foundation
import Synchronization

/// The subagents one session's tool calls have started: running ones with their trajectory so far,
/// finished ones by the id their marker names. ``ToolHost`` answers ``SubagentTrajectories`` from it.
final class SubagentBoard: Sendable {
  private struct Running {
    var toolName: String
    var prompt: String
    var trajectory: Trajectory
  }

  private struct State {
    var running: [UUID: Running] = [:]
    var order: [UUID] = []
    var finished: [String: Trajectory] = [:]
    var onChange: (@Sendable () -> Void)?
    var record: (@Sendable (Trajectory, String) async -> Void)?
  }

  private let state = Mutex(State())

  /// What to do when a running subagent recorded more, and where first-level subagents' turns go.
  func connect(onChange: @escaping @Sendable () -> Void, record: (@Sendable (Trajectory, String) async -> Void)?) {
    state.withLock {
      $0.onChange = onChange
      $0.record = record
    }
  }

  /// A subagent call started.
  func started(_ call: UUID, toolName: String, prompt: String, trajectory: Trajectory) {
    state.withLock {
      $0.running[call] = Running(toolName: toolName, prompt: prompt, trajectory: trajectory)
      $0.order.append(call)
    }
  }

  /// A running subagent recorded more.
  func progressed(_ call: UUID, _ trajectory: Trajectory) {
    let onChange = state.withLock { state -> (@Sendable () -> Void)? in
      guard state.running[call] != nil else { return nil }
      state.running[call]?.trajectory = trajectory
      return state.onChange
    }
    onChange?()
  }

  /// A subagent finished: its turns go to the session's log (first level only) and its trajectory is
  /// kept under `marker` for the turn end.
  func finished(_ call: UUID, name: String, marker: String, trajectory: Trajectory) async {
    let record = state.withLock { state in
      state.finished[marker] = trajectory
      return state.record
    }
    await record?(trajectory, name)
    ended(call)
  }

  /// A subagent call ended (finished or failed).
  func ended(_ call: UUID) {
    let onChange = state.withLock { state in
      state.running[call] = nil
      state.order.removeAll { $0 == call }
      return state.onChange
    }
    onChange?()
  }

  /// See ``SubagentTrajectories/live(_:)``.
  func live(_ blocks: [ContentBlock]) -> [ContentBlock] {
    state.withLock { state in
      var unclaimed = state.order
      return blocks.map { block in
        guard case .toolUse(var call) = block, call.subagentTrajectory == nil else { return block }
        if let id = SubagentMarker.id(in: call.output) {
          guard let trajectory = state.finished[id] else { return block }
          call.subagentTrajectory = trajectory
          call.output = SubagentMarker.strip(call.output)
          return .toolUse(call)
        }
        guard call.output.isEmpty, !call.isError,
          let index = unclaimed.firstIndex(where: { id in
            state.running[id].map { Self.matches(call, $0.toolName, $0.prompt) } ?? false
          })
        else { return block }
        call.subagentTrajectory = state.running[unclaimed.remove(at: index)]?.trajectory
        return .toolUse(call)
      }
    }
  }

  /// See ``SubagentTrajectories/finished(_:)``.
  func finished(_ blocks: [ContentBlock]) -> [ContentBlock] {
    state.withLock { state in
      blocks.map { block in
        guard case .toolUse(var call) = block else { return block }
        if let id = SubagentMarker.id(in: call.output), call.subagentTrajectory == nil {
          call.subagentTrajectory = state.finished[id]
        }
        call.output = SubagentMarker.strip(call.output)
        return .toolUse(call)
      }
    }
  }

  /// Whether the CLI's tool call `call` is the subagent call of `toolName` with `prompt`: claude names
  /// it `mcp__subagent__<tool>`, codex `subagent.<tool>`, opencode `subagent_<tool>`.
  static func matches(_ call: ToolUse, _ toolName: String, _ prompt: String) -> Bool {
    let names = ["mcp__\(ToolHost.subagentServerName)__\(toolName)", "\(ToolHost.subagentServerName).\(toolName)",
                 "\(ToolHost.subagentServerName)_\(toolName)", toolName]
    guard names.contains(call.name) else { return false }
    return call.arguments.objectValue?["prompt"]?.stringValue == prompt
  }
}
