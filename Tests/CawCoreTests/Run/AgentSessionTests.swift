import Foundation
import OrderedCollections
import Testing

@testable import CawCore
import TestSupport

/// `AgentSession` through its process seam: a scripted `ProcessLauncher` stands in for the CLI.
@Suite("AgentSession with a scripted launcher")
struct AgentSessionTests {
  /// Replays fixed stdout lines and remembers the invocations it was given.
  final class ScriptedLauncher: ProcessLauncher, @unchecked Sendable {
    let lines: [String]
    let exitCode: Int32
    private let lock = NSLock()
    private var seen: [Invocation] = []

    init(_ lines: [String], exitCode: Int32 = 0) {
      self.lines = lines
      self.exitCode = exitCode
    }

    var invocations: [Invocation] { lock.withLock { seen } }

    func run(_ invocation: Invocation, onLine: @escaping @Sendable (StdoutLine) async throws -> Void) async throws
      -> ProcessExit
    {
      lock.withLock { seen.append(invocation) }
      for line in lines { try await onLine(.line(Array(line.utf8))) }
      return ProcessExit(exitCode: exitCode)
    }
  }

  /// An environment whose PATH has executables named like the CLIs (the locator needs them).
  private func environment(_ tree: TempTree, _ launcher: ScriptedLauncher) -> AgentEnvironment {
    for name in ["claude", "codex", "opencode"] {
      tree.write("bin/\(name)", "#!/bin/sh\nexit 0\n")
      chmod(tree.path + "/bin/" + name, 0o755)
    }
    return AgentEnvironment(
      launcher: launcher, variables: ["PATH": tree.path + "/bin", "HOME": tree.path],
      now: { Date(timeIntervalSince1970: 1_767_225_600) })
  }

  @Test("events(for:) yields blocks as they appear and updates as tools finish, then the recorded turn")
  func eventsSequence() async throws {
    let tree = TempTree()
    let launcher = ScriptedLauncher([
      #"{"type":"thread.started","thread_id":"01a233e6-0000-7000-8000-000000000001"}"#,
      #"{"type":"item.started","item":{"id":"c1","type":"command_execution","command":"ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}"#,
      #"{"type":"item.completed","item":{"id":"c1","type":"command_execution","command":"ls","aggregated_output":"a\n","exit_code":0,"status":"completed"}}"#,
      "progress: not json",
      #"{"type":"item.completed","item":{"id":"m1","type":"agent_message","text":"Done."}}"#,
      #"{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":60,"output_tokens":9}}"#,
    ])
    let session = try AgentSession.start(
      AgentSettings(provider: .codex, model: "gpt-5.3-codex", systemPrompt: "Be brief."),
      dataDirectory: DataDirectory(tree.path + "/data"), environment: environment(tree, launcher))
    var events: [RunEvent] = []
    for try await event in session.events(for: "list") { events.append(event) }

    let command = ToolUse(id: "c1", name: "command_execution", arguments: .object(["command": "ls"]))
    var finished = command
    finished.output = "a\n"
    guard case .launched(let invocation) = events.first else { Issue.record("first event: \(events)"); return }
    #expect(invocation.arguments.last == "Be brief.\n\nlist")
    #expect(Array(events.dropFirst()) == [
      .blockAdded(index: 0, .toolUse(command)),
      .blockUpdated(index: 0, .toolUse(finished)),
      .skippedLine(number: 4, reason: "not a JSON object"),
      .blockAdded(index: 1, .text("Done.")),
      .turnRecorded(
        index: 0,
        Turn(
          input: "list", output: [.toolUse(finished), .text("Done.")],
          usage: UsageStats(
            inputTokens: 40, outputTokens: 9, cacheReadTokens: 60, cacheWriteTokens: 0,
            costUSD: .double((40 * 1.75 + 60 * 0.175 + 9 * 14.0) / 1_000_000)),
          durationMS: 0), costKnown: true),
    ])
    #expect(await session.resumeKey == "01a233e6-0000-7000-8000-000000000001")
    #expect(await session.trajectory.metadata["thread_id"] == .string("01a233e6-0000-7000-8000-000000000001"))
    #expect(await session.trajectory.createdAt == "2026-01-01T00:00:00+00:00")
  }

  @Test("a follow-up turn resumes the thread and drops the system-prompt prefix")
  func followUp() async throws {
    let tree = TempTree()
    let launcher = ScriptedLauncher([
      #"{"type":"thread.started","thread_id":"01a233e6-0000-7000-8000-000000000002"}"#,
      #"{"type":"item.completed","item":{"id":"m","type":"agent_message","text":"ok"}}"#,
    ])
    let session = try AgentSession.start(
      AgentSettings(provider: .codex, systemPrompt: "S"), dataDirectory: DataDirectory(tree.path + "/data"),
      environment: environment(tree, launcher))
    try await session.send("one")
    try await session.send("two")
    try await session.end()
    let second = launcher.invocations[1].arguments
    #expect(Array(second.prefix(2)) == ["exec", "resume"])
    #expect(Array(second.suffix(3)) == ["--", "01a233e6-0000-7000-8000-000000000002", "two"])
    let t = await session.trajectory
    #expect(t.turns.map(\.input) == ["one", "two"])
    #expect(t.completedAt == "2026-01-01T00:00:00+00:00")
    #expect(!t.usageLimited)
  }

  @Test("a fatal stream error fails the turn with caw's message and records nothing of it")
  func fatalError() async throws {
    let tree = TempTree()
    let launcher = ScriptedLauncher([
      #"{"type":"thread.started","thread_id":"01a233e6-0000-7000-8000-000000000003"}"#,
      #"{"type":"item.completed","item":{"id":"m","type":"agent_message","text":"partial"}}"#,
      #"{"type":"turn.failed","error":{"message":"model overloaded"}}"#,
    ])
    let session = try AgentSession.start(
      AgentSettings(provider: .codex), dataDirectory: DataDirectory(tree.path + "/data"),
      environment: environment(tree, launcher))
    await #expect(throws: CawError(.agent, "Codex turn failed: model overloaded")) { try await session.send("go") }
    let t = await session.trajectory
    #expect(t.turns.isEmpty)
    #expect(t.metadata["thread_id"] == .string("01a233e6-0000-7000-8000-000000000003"), "caw keeps a thread id seen before the failure")
    let onDisk = try #require(try Trajectory.read(Array(tree.read("data/sessions/\(session.sessionID)/trajectory.json").utf8)).trajectory)
    #expect(onDisk.turns.isEmpty, "the partial snapshot was replaced by the completed turns")
    #expect(try FileManager.default.contentsOfDirectory(atPath: session.directory + "/turns").isEmpty)
  }
}
