import CawCore
import Foundation
import OrderedCollections
import Testing

@testable import CawTools

/// How running and finished subagents are shown under the tool calls that started them.
@Suite("Subagent board")
struct SubagentBoardTests {
  static func call(_ name: String, prompt: String, output: String = "", id: String = "t1") -> ContentBlock {
    .toolUse(ToolUse(id: id, name: name, arguments: .object(["prompt": .string(prompt)]), output: output))
  }

  static let partial = Trajectory(agent: "codex", sessionID: "s-partial", turns: [Turn(input: "go", output: [.text("so far")])])
  static let done = Trajectory(agent: "codex", sessionID: "s-done", turns: [Turn(input: "go", output: [.text("all done")])])

  @Test("a running subagent shows under its call, whatever the CLI calls the tool")
  func live() {
    for name in ["mcp__subagent__code_reviewer", "subagent.code_reviewer", "subagent_code_reviewer"] {
      let board = SubagentBoard()
      let id = UUID()
      board.started(id, toolName: "code_reviewer", prompt: "review it", trajectory: Self.partial)
      let blocks = board.live([.text("hi"), Self.call(name, prompt: "review it"), Self.call(name, prompt: "other")])
      #expect(blocks[0] == .text("hi"))
      #expect(blocks[1].toolUse?.subagentTrajectory == Self.partial, "\(name)")
      #expect(blocks[2].toolUse?.subagentTrajectory == nil, "another prompt is another call")
    }
  }

  @Test("two running calls with the same prompt each get their own trajectory, in order")
  func samePrompt() {
    let board = SubagentBoard()
    var second = Self.partial
    second.sessionID = "s-second"
    board.started(UUID(), toolName: "t", prompt: "p", trajectory: Self.partial)
    board.started(UUID(), toolName: "t", prompt: "p", trajectory: second)
    let blocks = board.live([Self.call("mcp__subagent__t", prompt: "p", id: "a"), Self.call("mcp__subagent__t", prompt: "p", id: "b")])
    #expect(blocks.map { $0.toolUse?.subagentTrajectory?.sessionID } == ["s-partial", "s-second"])
  }

  @Test("a finished subagent is attached by its marker, which is removed, live and at turn end")
  func finished() async {
    let board = SubagentBoard()
    let id = UUID()
    board.started(id, toolName: "t", prompt: "p", trajectory: Self.partial)
    await board.finished(id, name: "t", marker: "abc-123", trajectory: Self.done)
    let output = "All done." + SubagentMarker.marker(for: "abc-123")
    for blocks in [board.live([Self.call("subagent.t", prompt: "p", output: output)]),
                   board.finished([Self.call("subagent.t", prompt: "p", output: output)])] {
      #expect(blocks[0].toolUse?.output == "All done.")
      #expect(blocks[0].toolUse?.subagentTrajectory == Self.done)
    }
  }

  @Test("at turn end an unknown marker is still removed, and other outputs are untouched")
  func unknownMarker() {
    let board = SubagentBoard()
    let blocks = board.finished([
      Self.call("subagent.t", prompt: "p", output: "x" + SubagentMarker.marker(for: "nope")),
      Self.call("Bash", prompt: "p", output: "<!-- caw_traj:nope --> not at the end"),
    ])
    #expect(blocks[0].toolUse?.output == "x")
    #expect(blocks[0].toolUse?.subagentTrajectory == nil)
    #expect(blocks[1].toolUse?.output == "<!-- caw_traj:nope --> not at the end")
  }

  @Test("progress and endings tell the session to refresh; first-level turns are recorded")
  func notifications() async {
    let board = SubagentBoard()
    let changes = Counter()
    let recorded = Counter()
    board.connect(onChange: { changes.add() }) { _, name in
      #expect(name == "code reviewer")
      recorded.add()
    }
    let id = UUID()
    board.started(id, toolName: "code_reviewer", prompt: "p", trajectory: Self.partial)
    board.progressed(id, Self.partial)
    await board.finished(id, name: "code reviewer", marker: "m", trajectory: Self.done)
    board.progressed(id, Self.partial)  // after the end: ignored
    #expect(changes.value == 2)
    #expect(recorded.value == 1)
  }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
