import Foundation
import OrderedCollections
import TestSupport
import Testing

@testable import CawCore

/// The list's quick read (``TrajectoryFigureScanner``) answers for ordinary sessions, and whenever it
/// answers, it gives what the full reader gives.
@Suite struct QuickSummaryTests {
  @Test(
    "on trees of two shapes and two seeds, the quick read answers for every session and agrees",
    arguments: [
      (SyntheticShape.standard, UInt64(3)), (.standard, 11), (.dense, 3), (.dense, 11),
    ])
  func agreesOnGeneratedTrees(shape: SyntheticShape, seed: UInt64) throws {
    let tree = TempTree("caw-quick")
    var synthetic = SyntheticTree(sessionCount: 40, largeSessionMegabytes: 0, seed: seed)
    synthetic.shape = shape
    let ids = try synthetic.write(to: tree.path)
    let reader = SessionReader(DataDirectory(tree.path))
    var answered = 0
    for id in ids {
      let full = SessionSummary(reader.loadDirectory(named: id))
      guard let quick = reader.quickSummary(id) else { continue }
      answered += 1
      #expect("\(quick)" == "\(full)", "session \(id)")
    }
    #expect(answered == ids.count, "answered \(answered) of \(ids.count) sessions")
    try FastPathCheck.expectSameAsFullRead(reader)
  }

  @Test(
    "a subagent's usage and tool calls, an MCP server, escaped fields and cancelled turns are read as the full reader reads them"
  )
  func agreesOnEveryField() throws {
    let tree = TempTree("caw-quick-fields")
    let bytes = Self.richTrajectory().trajectoryFileBytes()
    let reader = try Self.session(bytes, in: tree)
    let quick = try #require(reader.quickSummary("s1"))
    #expect("\(quick)" == "\(SessionSummary(reader.loadDirectory(named: "s1")))")
    #expect(quick.toolCallCount == 4 && quick.toolErrorCount == 2 && quick.lastTurnCancelled)
    #expect(quick.firstUserMessage == "fix \"it\" → now")
    #expect(quick.totalUsage.inputTokens == 111 && quick.resumeKey == "thread-1")
  }

  @Test("an unfinished session's turn in progress is found from traj.jsonl's turn_end lines", arguments: [false, true])
  func turnInProgress(inProgress: Bool) throws {
    let tree = TempTree("caw-quick-unfinished")
    var t = Self.richTrajectory()
    t.completedAt = ""
    let store = try SessionStore(dataDirectory: tree.path, sessionID: "s1")
    var header = t
    header.turns = []
    try store.writeMetadata(header)
    for (index, turn) in t.turns.enumerated() where !(inProgress && index == t.turns.count - 1) {
      try store.appendTurnEvents(turn, index: index)
    }
    try store.saveSnapshot(t)
    let reader = SessionReader(DataDirectory(tree.path))
    let quick = try #require(reader.quickSummary("s1"))
    #expect(quick.status == .unfinished && quick.hasTurnInProgress == inProgress)
    #expect("\(quick)" == "\(SessionSummary(reader.loadDirectory(named: "s1")))")
    // A torn line leaves the count to the replay.
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: store.eventLogPath))
    log.seekToEndOfFile()
    log.write(Data("{\"type\": \"turn_end\"".utf8))
    try log.close()
    #expect(reader.quickSummary("s1") == nil)
  }

  @Test(
    "what only the full reader reports exactly is left to it",
    arguments: [
      ("\"is_error\": true", "\"is_error\": 1"), ("\"input_tokens\": 100", "\"input_tokens\": 100.0"),
      ("\"agent\": \"codex\"", "\"agent\": \"codex\", \"agent\": \"claude_code\""), ("\"agent\"", "\"\\u0061gent\""),
      ("\"model\": \"m\"", "\"model\": null"), ("\"text\": \"done\"", "\"text\": 7"),
      ("\"type\": \"thinking\"", "\"type\": 3"),
      ("\"input_tokens\": 100", "\"input_tokens\": 123456789012345678901234567890"),
      ("\"name\": \"Bash\"", "\"name\": [1]"),
      ("\"metadata\": {", "\"metadata\": [{"), ("\"turns\": [", "\"turns\": [1, "),
      ("\"usage_limited\": false", "\"usage_limited\": 0"),
    ])
  func leavesIrregularFilesToTheFullRead(find: String, replace: String) throws {
    let tree = TempTree("caw-quick-irregular")
    let good = String(decoding: Self.richTrajectory().trajectoryFileBytes(), as: UTF8.self)
    #expect(good.contains(find), "the trajectory holds \(find)")
    var damaged = good
    if let range = damaged.range(of: find) { damaged.replaceSubrange(range, with: replace) }
    let reader = try Self.session(Array(damaged.utf8), in: tree)
    #expect(reader.quickSummary("s1") == nil)
    #expect(reader.summarise("s1") == SessionSummary(reader.loadDirectory(named: "s1", skimmingContent: true)))
  }

  @Test(
    "the metadata fields a summary reads, of every type, are read as the full reader reads them",
    arguments: [
      ("codex", #""cwd": "/w/x", "thread_id": "t-\u00e9""#, true), ("codex", #""cwd": 7, "thread_id": null"#, true),
      ("codex", #""cwd": "", "thread_id": ["t"], "other": {"cwd": "no"}"#, true),
      ("opencode", #""opencode_session_id": "ses_1", "thread_id": "t""#, true),
      ("opencode", #""opencode_session_id": 12"#, true), ("claude_code", #""thread_id": "t""#, true),
      ("codex", #""failed_turns": [1]"#, true), ("codex", #""failed_turns": [1.0, "x"]"#, true),
      ("codex", #""failed_turns": [1.5, 1e0]"#, true), ("codex", #""failed_turns": 1"#, true),
      ("codex", #""failed_turns": [123456789012345678901234567890, -0, NaN]"#, true),
      ("codex", #""cancelled_turns": [0, 1E+0], "unpriced_turns": [0, 1, "2", 2.0, 2.5, null, [3]]"#, true),
      ("codex", #""unpriced_turns": {"0": 1}, "cancelled_turns": [true]"#, true),
      ("codex", #""cwd": "/a", "cwd": "/b""#, false), ("codex", #""unpriced_turns": [], "unpriced_turns": [0]"#, false),
    ])
  func metadataAgrees(agent: String, members: String, quickAnswers: Bool) throws {
    let tree = TempTree("caw-quick-metadata")
    var t = Self.richTrajectory()
    t.agent = agent
    t.metadata = [:]
    var text = String(decoding: t.trajectoryFileBytes(), as: UTF8.self)
    // The top trajectory's metadata is written after its turns, so after any subagent's.
    let range = try #require(text.range(of: "\"metadata\": {}", options: .backwards))
    text.replaceSubrange(range, with: "\"metadata\": {\(members)}")
    let reader = try Self.session(Array(text.utf8), in: tree)
    let full = SessionSummary(reader.loadDirectory(named: "s1"))
    #expect(full.problems.isEmpty, "\(full.problems)")
    #expect((reader.quickSummary("s1") != nil) == quickAnswers)
    #expect("\(reader.summarise("s1"))" == "\(full)")
  }

  @Test("2,000 damaged copies: the quick read either gives up or agrees with the full reader")
  func damagedCopiesAgree() throws {
    let tree = TempTree("caw-quick-damaged")
    let good = Self.richTrajectory().trajectoryFileBytes()
    var random = SplitMix64(seed: 42)
    var answered = 0
    for _ in 0..<2_000 {
      let bytes = Self.damaged(good, &random)
      let reader = try Self.session(bytes, in: tree)
      guard let quick = reader.quickSummary("s1") else { continue }
      answered += 1
      #expect(
        "\(quick)" == "\(SessionSummary(reader.loadDirectory(named: "s1")))",
        "\(String(decoding: bytes, as: UTF8.self))")
    }
    // Many edits land in text and keep the file regular; the quick read must have answered for them.
    #expect(answered > 200, "answered \(answered) of 2000")
  }

  // MARK: - Helpers

  /// `good` with one to three bytes changed, inserted or removed, from an alphabet of JSON's own bytes,
  /// control and non-UTF-8 bytes.
  static func damaged(_ good: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    let alphabet = Array("{}[]\",:\\ 0123456789.eE-+tfnulrsaNI/u\u{7f}".utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xA9, 0xFF]
    var bytes = good
    for _ in 0..<random.int(1...3) {
      let at = random.int(0...bytes.count - 1)
      switch random.int(0...2) {
      case 0: bytes[at] = random.pick(alphabet)
      case 1: bytes.insert(random.pick(alphabet), at: at)
      default: bytes.remove(at: at)
      }
    }
    return bytes
  }

  /// A finished codex session with a failed and a cancelled turn, a subagent with a nested one, an MCP
  /// server, a float and an int cost, escapes in the prompt and metadata.
  static func richTrajectory() -> Trajectory {
    var nested = Trajectory(agent: "codex", model: "n", sessionID: "sub-2")
    nested.turns = [Turn(input: "deep", output: [.toolUse(ToolUse(id: "d", name: "Read", isError: true))])]
    nested.usage = UsageStats(inputTokens: 1, costUSD: .int(0))
    var sub = Trajectory(agent: "codex", model: "m", sessionID: "sub-1", metadata: ["k": "v"])
    sub.turns = [
      Turn(
        input: "review",
        output: [
          .text("ok"), .toolUse(ToolUse(id: "n", name: "mcp__subagent__deep", output: "x", subagentTrajectory: nested)),
        ])
    ]
    sub.usage = UsageStats(inputTokens: 10, outputTokens: 2, costUSD: .double(0.1))
    var t = Trajectory(
      agent: "codex", model: "m", sessionID: "s1", createdAt: "2026-11-30T10:00:00+00:00",
      completedAt: "2026-11-30T10:05:00+00:00",
      systemPrompt: "be careful", reasoning: "high",
      mcpServers: [MCPServer(name: "tools", command: "caw-tools", args: ["--x"], env: ["A": "b"], url: "")],
      metadata: [
        "thread_id": "thread-1", "cwd": "/home/dév/x", Trajectory.cancelledTurnsKey: [1], "note": "tab\tand \"quote\"",
      ])
    t.turns = [
      Turn(
        input: "fix \"it\" → now",
        output: [
          .thinking("hmm ✓"),
          .toolUse(
            ToolUse(id: "a", name: "Bash", arguments: ["command": "ls \"x\""], output: "1→a\n2→b", isError: true)),
          .toolUse(
            ToolUse(
              id: "b", name: "mcp__subagent__review", arguments: ["task": "look"], output: "ok", subagentTrajectory: sub
            )),
          .text("done"),
        ], usage: UsageStats(inputTokens: 100, outputTokens: 5, costUSD: .double(0.25)), durationMS: 1200),
      Turn(
        input: "more", output: [.text("stopped")], usage: UsageStats(inputTokens: 0, costUSD: .int(0)), durationMS: 0),
    ]
    t.usage = UsageStats(
      inputTokens: 100, outputTokens: 5, cacheReadTokens: 7, cacheWriteTokens: 3, costUSD: .double(0.25))
    t.durationMS = 1200
    return t
  }

  /// A tree whose one session `s1` has `bytes` as its `trajectory.json` and no `traj.jsonl`.
  static func session(_ bytes: [UInt8], in tree: TempTree) throws -> SessionReader {
    let directory = tree.path + "/sessions/s1"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: directory + "/trajectory.json"))
    return SessionReader(DataDirectory(tree.path))
  }
}
