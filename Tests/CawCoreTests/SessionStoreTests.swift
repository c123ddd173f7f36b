import OrderedCollections
import CawCore
import Foundation
import Glibc
import Testing
import TestSupport

@Suite("Writing sessions as caw's SessionStore does")
struct SessionStoreTests {
  private let tree = TempTree("caw-store")
  private var data: String { tree.path + "/caw_data" }

  private func sampleTurn(_ input: String) -> Turn {
    Turn(
      input: input,
      output: [
        .thinking("Let me look."),
        .toolUse(ToolUse(id: "toolu_1", name: "Bash", arguments: .object(["command": "ls"]), output: "a.py", isError: true)),
        .text("Done: ü"),
      ],
      usage: UsageStats(inputTokens: 10, outputTokens: 50, cacheReadTokens: 1000, cacheWriteTokens: 500, costUSD: .double(0.0123)),
      durationMS: 5123)
  }

  @Test("a session directory holds the metadata line, turn files, events and the snapshot, in caw's formats")
  func layout() throws {
    let id = "77ee0000-0000-4000-8000-000000000001"
    var store = try SessionStore(dataDirectory: data, sessionID: id)
    var t = Trajectory(agent: "claude_code", model: "opus", sessionID: id, createdAt: "2026-11-22T04:21:05.550325+00:00",
                       systemPrompt: "You are terse.", reasoning: "high", metadata: ["task": "demo", "run": .number(.int(1))])
    try store.writeMetadata(t)
    #expect(FileManager.default.fileExists(atPath: store.sessionDirectory + "/turns"))
    #expect(!FileManager.default.fileExists(atPath: store.trajectoryPath))
    let turn = sampleTurn("List files")
    t.turns.append(turn)
    t.usage = turn.usage
    try store.appendTurn(turn, trajectory: t, rawOutput: "{\"type\":\"result\"}\nnot json")
    #expect(tree.read("caw_data/sessions/\(id)/turns/000_input.txt") == "List files")
    #expect(tree.read("caw_data/sessions/\(id)/turns/000_raw_output.jsonl") == "{\"type\":\"result\"}\nnot json")
    let lines = tree.read("caw_data/sessions/\(id)/traj.jsonl").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 8)  // metadata, user, thinking, tool_call, tool_result, text, turn_end, ""
    #expect(lines[0] == #"{"type": "metadata", "session_id": "77ee0000-0000-4000-8000-000000000001", "created_at": "2026-11-22T04:21:05.550325+00:00", "agent": "claude_code", "model": "opus", "system_prompt": "You are terse.", "reasoning": "high", "mcp_servers": [], "metadata": {"task": "demo", "run": 1}}"#)
    #expect(lines[1] == #"{"type": "user", "message": "List files", "turn_index": 0}"#)
    #expect(lines[4] == #"{"type": "tool_result", "id": "toolu_1", "name": "Bash", "output": "a.py", "is_error": true, "turn_index": 0}"#)
    #expect(lines[5] == #"{"type": "text", "text": "Done: \u00fc", "turn_index": 0}"#)
    #expect(lines[6] == #"{"type": "turn_end", "turn_index": 0, "usage": {"input_tokens": 10, "output_tokens": 50, "cache_read_tokens": 1000, "cache_write_tokens": 500, "cost_usd": 0.0123}, "duration_ms": 5123}"#)
    let snapshot = tree.read("caw_data/sessions/\(id)/trajectory.json")
    #expect(snapshot.hasSuffix("}\n"))
    #expect(snapshot.contains("\n      \"input\": \"List files\",\n"))
    #expect(snapshot.contains("\"is_error\": true"))
    #expect(store.nextTurnIndex == 1)
  }

  @Test("trajectory.json is replaced atomically and no temp file is left behind")
  func atomicSnapshot() throws {
    let store = try SessionStore(dataDirectory: data, sessionID: "s1")
    try store.saveTrajectory(Trajectory(agent: "codex", sessionID: "s1"))
    let inode = try #require(FileManager.default.attributesOfItem(atPath: store.trajectoryPath)[.systemFileNumber] as? UInt64)
    try store.saveTrajectory(Trajectory(agent: "codex", model: "gpt-5.3-codex", sessionID: "s1"))
    let inodeAfter = try #require(FileManager.default.attributesOfItem(atPath: store.trajectoryPath)[.systemFileNumber] as? UInt64)
    #expect(inode != inodeAfter)  // a new file renamed over the old one, never truncated in place
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.sessionDirectory).sorted() == ["trajectory.json", "turns"])
    #expect(tree.read("caw_data/sessions/s1/trajectory.json").contains("gpt-5.3-codex"))
  }

  @Test("resume continues numbering after the highest NNN_input.txt, correctly past 999")
  func resumeNumbering() throws {
    for name in ["000_input.txt", "998_input.txt", "999_input.txt", "1000_input.txt", "notes.txt", "x12_input.txt"] {
      tree.write("caw_data/sessions/r1/turns/\(name)", "")
    }
    // One store at a time: each holds the session's writer lock while it exists.
    #expect(try SessionStore(dataDirectory: data, sessionID: "r1", resume: true).nextTurnIndex == 1001)
    #expect(SessionStore.turnPrefix(1001) == "1001")
    #expect(SessionStore.turnPrefix(7) == "007")
    #expect(try SessionStore(dataDirectory: data, sessionID: "r1").nextTurnIndex == 0)
    let empty = try SessionStore(dataDirectory: data, sessionID: "r2", resume: true)
    #expect(empty.nextTurnIndex == 0)
  }

  @Test("appends to traj.jsonl wait for another holder of the flock, as Python's fcntl.flock does")
  func appendTakesTheLock() async throws {
    let store = try SessionStore(dataDirectory: data, sessionID: "lock1")
    try store.writeMetadata(Trajectory(agent: "claude_code", sessionID: "lock1"))
    let holder = open(store.eventLogPath, O_RDONLY)
    #expect(holder >= 0)
    #expect(flock(holder, LOCK_EX) == 0)
    let writer = Task.detached { try store.appendSubagentTurn(Turn(input: "sub"), index: 0, subagent: "helper") }
    // The kernel lists a process blocked in flock as a waiter on the file: proof it waits, not a guess.
    let inode = try #require(FileManager.default.attributesOfItem(atPath: store.eventLogPath)[.systemFileNumber] as? UInt64)
    try await awaitUntil("the append to wait for the lock", observe: { FileLocks.table() }) {
      FileLocks.hasWaiter(inode: inode)
    }
    #expect(tree.read("caw_data/sessions/lock1/traj.jsonl").split(separator: "\n").count == 1)
    flock(holder, LOCK_UN)
    close(holder)
    try await writer.value
    let lines = tree.read("caw_data/sessions/lock1/traj.jsonl").split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1] == #"{"type": "user", "message": "sub", "turn_index": 0, "subagent": "helper"}"#)
  }

  @Test("ids that are not plain names never reach the filesystem", arguments: ["..", "../x", "a/b", "", ".x", "a\u{0}b"])
  func badIDs(id: String) {
    #expect(throws: CawError.self) { try SessionStore(dataDirectory: data, sessionID: id) }
    #expect(!FileManager.default.fileExists(atPath: data))
  }
}
