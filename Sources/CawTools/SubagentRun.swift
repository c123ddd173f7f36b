import OrderedCollections
import CawCore
import Foundation
import Synchronization

/// Runs a subagent when its tool is called (spec §3.7): one session of its own, one turn with the
/// caller's prompt, the result text with caw's marker `\n<!-- caw_traj:<uuid> -->` returned.
///
/// The session runs in a scratch data directory that is removed afterwards (caw's subagents have no
/// `data_dir`); its trajectory is taken before it ends, so `completed_at` stays `""` as in caw's files.
/// While it runs, its partial trajectory is shown under the calling tool call; its own subagents and
/// tool servers are served on the same listener, to any depth.
struct SubagentRun: Sendable {
  let spec: AgentSpec
  let context: SubagentContext
  let http: ToolHTTPServer

  /// The MCP tool that runs this subagent: `prompt: string`, the spec's description.
  func tool(board: SubagentBoard) -> AgentTool {
    let schema: JSONValue = .object([
      "type": "object", "properties": .object(["prompt": .object(["title": "Prompt", "type": "string"])]),
      "required": .array(["prompt"]),
    ])
    return AgentTool(name: spec.toolName, description: spec.description, inputSchema: schema) { arguments in
      guard let prompt = arguments["prompt"]?.stringValue else {
        return .error("Error executing tool \(spec.toolName): the argument 'prompt' must be a string")
      }
      return .text(await run(prompt, board: board))
    }
  }

  /// Runs one turn and returns what caw's tool returns: the result text and the marker, or
  /// `Error: <reason>` (nothing recorded then).
  func run(_ prompt: String, board: SubagentBoard) async -> String {
    let call = UUID()
    let scratch: String
    do {
      scratch = try Self.scratchDirectory()
    } catch {
      return "Error: \(error)"
    }
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var child: ToolHost?
    do {
      var settings = try spec.settings(in: context)
      if !spec.subagents.isEmpty || !spec.toolServers.isEmpty {
        child = try await ToolHost.start(
          toolServers: spec.toolServers, subagents: spec.subagents, context: context, server: http)
      }
      settings.mcpServers = spec.mcpServers
      child?.add(to: &settings)
      let session = try AgentSession.start(
        settings, dataDirectory: DataDirectory(scratch), environment: context.environment)
      let progress = SubagentProgress(base: await session.trajectory, prompt: prompt, child: child)
      board.started(call, toolName: spec.toolName, prompt: prompt, trajectory: progress.trajectory())
      await child?.bindNested(to: session) { board.progressed(call, progress.trajectory()) }
      let turn: Turn
      do {
        turn = try await session.send(prompt) { event in
          if progress.apply(event) { board.progressed(call, progress.trajectory()) }
        }
      } catch {
        board.ended(call)
        try? await session.end()
        await child?.stop()
        return "Error: \(error)"
      }
      let trajectory = await session.trajectory
      try? await session.end()
      await child?.stop()
      let marker = UUID().uuidString.lowercased()
      await board.finished(call, name: spec.name, marker: marker, trajectory: trajectory)
      return turn.result + SubagentMarker.marker(for: marker)
    } catch {
      await child?.stop()
      return "Error: \(error)"
    }
  }

  /// A new private directory for the subagent's scratch data directory.
  static func scratchDirectory() throws -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((base + "/caw_subagent_XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw CawError(.io, "cannot create a scratch directory in \(base): \(String(cString: strerror(errno)))")
    }
    return String(cString: made)
  }
}

/// A running subagent's trajectory as its turn's events arrive: the session so far plus the partial
/// turn, with its own running subagents shown inside.
final class SubagentProgress: Sendable {
  private let base: Trajectory
  private let prompt: String
  private let child: ToolHost?
  private let blocks = Mutex<[ContentBlock]>([])

  init(base: Trajectory, prompt: String, child: ToolHost?) {
    self.base = base
    self.prompt = prompt
    self.child = child
  }

  /// Takes a turn event; returns whether the blocks changed.
  func apply(_ event: RunEvent) -> Bool {
    blocks.withLock { blocks in
      switch event {
      case .blockAdded(let index, let block) where index == blocks.count:
        blocks.append(block)
        return true
      case .blockUpdated(let index, let block) where index < blocks.count:
        blocks[index] = block
        return true
      default:
        return false
      }
    }
  }

  /// The trajectory so far.
  func trajectory() -> Trajectory {
    let current = blocks.withLock { $0 }
    var trajectory = base
    trajectory.turns.append(Turn(input: prompt, output: child?.live(current) ?? current))
    return trajectory
  }
}
