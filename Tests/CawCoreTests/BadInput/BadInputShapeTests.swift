import OrderedCollections
import CawCore
import Foundation
import Testing

/// Well-formed JSON of the wrong shape: too deep, wrong types, garbage lines.
@Suite("BadInput: wrong shapes")
struct BadInputShapeTests {
  /// One subagent level's turn usage and the trajectory's own usage.
  static let levelUsage =
    #"{"input_tokens": 1, "output_tokens": 2, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.5}"#

  /// A trajectory (single-line `json.dumps` form) whose one tool call runs a subagent, `depth` links deep,
  /// built in a loop; each link is 5 JSON levels (trajectory, turns, turn, output, block).
  static func nested(_ id: String, depth: Int) -> String {
    var text = ""
    for level in 0..<depth {
      let sessionID = level == 0 ? id : "sub-\(level)"
      text += #"{"agent": "claude_code", "session_id": "\#(sessionID)", "turns": [{"input": "level \#(level)", "#
      text += #""output": [{"type": "tool_use", "id": "call-\#(level)", "name": "mcp__subagent__deeper", "#
      text += #""arguments": {"prompt": "go deeper"}, "output": "done", "subagent_trajectory": "#
    }
    text += #"{"agent": "claude_code", "session_id": "leaf", "turns": []}"#
    let close =
      #"}], "usage": \#(levelUsage), "duration_ms": 7}], "usage": \#(levelUsage), "duration_ms": 7, "metadata": {}}"#
    return text + String(repeating: close, count: depth)
  }

  /// Checks the problems' locations (given without the `trajectory.json: ` prefix) and message fragments.
  static func expectProblems(
    _ problems: [ReadProblem], _ expected: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(problems.map(\.location) == expected.map { "trajectory.json: " + $0.0 }, sourceLocation: sourceLocation)
    for (problem, (path, message)) in zip(problems, expected) {
      #expect(problem.message.contains(message), "\(path): \(problem.message)", sourceLocation: sourceLocation)
    }
  }

  @Test("subagents nested 10,000 deep: trajectory.json is refused as too deep; traj.jsonl is read instead")
  func nestingBeyondTheLimit() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    // Single-line JSON: at indent=2, 50,000 levels of indentation would make a file of several GB.
    let deep = Self.nested("deep", depth: 10_000) + "\n"
    try tree.write(session: "deep-alone", "trajectory.json", deep)
    try tree.write(session: "deep-with-log", "trajectory.json", deep)
    let call: PyJSON = [
      "type": "tool_call", "id": "call-0", "name": "mcp__subagent__deeper", "arguments": ["prompt": "go deeper"],
      "turn_index": 0,
    ]
    let result: PyJSON = [
      "type": "tool_result", "id": "call-0", "name": "mcp__subagent__deeper", "output": "done", "is_error": false,
      "turn_index": 0, "subagent_trajectory": "@SUB@",
    ]
    let events: [PyJSON] = [
      CawFixture.metadataEvent("deep-with-log"), ["type": "user", "message": "level 0", "turn_index": 0], call, result,
      ["type": "turn_end", "turn_index": 0, "usage": CawFixture.usage(0), "duration_ms": 7],
    ]
    let log = CawFixture.jsonl(events).replacingOccurrences(of: "\"@SUB@\"", with: Self.nested("sub-1", depth: 9_999))
    try tree.write(session: "deep-with-log", "traj.jsonl", log)

    let (summaries, alone, withLog) = try tree.unchanged {
      (
        try tree.reader.listSessions(), tree.reader.loadDirectory(named: "deep-alone"),
        tree.reader.loadDirectory(named: "deep-with-log")
      )
    }
    #expect(summaries.count == 2)
    #expect(alone.status == .broken)
    #expect(alone.brokenReason?.hasPrefix("trajectory.json is not JSON (nesting deeper than 1000 levels") == true)

    #expect(withLog.status == .unfinished)
    #expect(withLog.source == .eventLog)
    let turns = try #require(withLog.trajectory?.turns)
    #expect(turns.map(\.input) == ["level 0"])
    // The tool_result line carried the same too-deep subagent, so only its tool_call survives.
    let lost = ToolUse(id: "call-0", name: "mcp__subagent__deeper", arguments: .object(["prompt": "go deeper"]))
    #expect(turns.first?.toolCalls == [lost])
    #expect(turns.first?.usage.inputTokens == 10)
    #expect(withLog.problems.map(\.location) == ["", "traj.jsonl line 4"])
    #expect(
      withLog.problems.first?.message.hasPrefix("trajectory.json is not JSON (nesting deeper than 1000 levels") == true)
    #expect(withLog.problems.first?.message.hasSuffix("; read traj.jsonl instead") == true)
    #expect(withLog.problems.last?.message == "not JSON (nesting deeper than 1000 levels); skipped")
  }

  @Test("an error before too-deep nesting is the one reported, whether the file is skimmed, marked or read whole")
  func anEarlierErrorComesBeforeTheDepth() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    // The text closes early, so the parser stops at `b`; the skimmer, which follows only brackets
    // and strings, would have gone on to the 1,001st `[`.
    let deep = String(repeating: "[", count: 1_200)
    let text = #"{"turns": [{"output": [{"type": "text", "text": "a"b"c": ["# + deep + "\n"
    try tree.write(session: "early", "trajectory.json", text)

    let (full, skimmed) = try tree.unchanged {
      (tree.reader.loadDirectory(named: "early"), tree.reader.loadDirectory(named: "early", skimmingContent: true))
    }
    let file = tree.dataPath + "/sessions/early/trajectory.json"
    // A budget smaller than the file sends a full read through the marked skim.
    let bounded = tree.reader.readTrajectory(
      file, sessionPath: tree.dataPath + "/sessions/early", skimmingContent: false,
      budget: TextBudget(perString: 8, total: 8))
    let expected = "trajectory.json is not JSON (expected ',' or '}' in an object at line 1, column 52 (byte 51))"
    #expect(full.brokenReason == expected)
    #expect(skimmed.brokenReason == expected)
    #expect(bounded.reasons == [expected])
  }

  @Test("invalid UTF-8 in a string the trajectory does not use is noted by the marked read as by the full one")
  func invalidUTF8InAnUnusedString() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    // A tool call carrying `text`: the skimmer leaves the string out, and nothing reads it back.
    let head = #"{"agent": "codex", "turns": [{"input": "go", "output": [{"type": "tool", "text": "bad "#
    let bytes = Array(head.utf8) + [0xFF, 0xFE] + Array(#""}]}]}"#.utf8) + [0x0A]
    try tree.write(session: "unused", "trajectory.json", bytes)

    let file = tree.dataPath + "/sessions/unused/trajectory.json"
    let (full, bounded) = try tree.unchanged {
      (
        tree.reader.readTrajectory(file, sessionPath: tree.dataPath + "/sessions/unused", skimmingContent: false),
        tree.reader.readTrajectory(
          file, sessionPath: tree.dataPath + "/sessions/unused", skimmingContent: false,
          budget: TextBudget(perString: 2, total: 2))
      )
    }
    #expect(full.problems.map(\.message) == ["contains bytes that are not UTF-8; shown as U+FFFD"])
    #expect(bounded.problems == full.problems)
    #expect(bounded.trajectory == full.trajectory)
  }

  @Test("subagents nested 100 deep (within the parser's limit) are read to the leaf")
  func nestingWithinTheLimit() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try tree.write(session: "deep-100", "trajectory.json", PyJSON.indent(Self.nested("deep-100", depth: 100)) + "\n")

    let (session, summaries) = try tree.unchanged { (try tree.reader.load("deep-100"), try tree.reader.listSessions()) }
    #expect(session.problems.isEmpty, "\(session.problems)")
    var current = try #require(session.trajectory)
    var depth = 0
    while let sub = current.turns.first?.toolCalls.first?.subagentTrajectory {
      depth += 1
      current = sub
    }
    #expect(depth == 100)
    #expect(current.sessionID == "leaf")
    #expect(current.turns.isEmpty)
    let summary = try #require(summaries.first)
    #expect(summary.toolCallCount == 100)
    #expect(summary.totalUsage == UsageStats(inputTokens: 100, outputTokens: 200, costUSD: .double(50.0)))
  }

  @Test("containers of the wrong type are reported by JSON path and read as their defaults")
  func wrongContainerTypes() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let file: PyJSON = [
      "agent": 5, "model": true, "session_id": [], "created_at": [:], "completed_at": nil, "usage_limited": "yes",
      "system_prompt": 1.5, "reasoning": ["high"], "mcp_servers": ["name": "x"], "turns": "a string", "usage": 42,
      "total_usage": "never read", "duration_ms": "long", "metadata": [1, 2],
    ]
    try tree.write(session: "wrong-containers", "trajectory.json", file.trajectoryFile)

    let session = try tree.unchanged { try tree.reader.load("wrong-containers") }
    #expect(session.source == .trajectoryFile)
    #expect(session.status == .unfinished)
    #expect(session.trajectory == Trajectory(agent: "", usageLimited: true))
    Self.expectProblems(
      session.problems,
      [
        ("agent", "expected a string, found a number; read as \"\""),
        ("model", "expected a string, found a boolean"), ("session_id", "expected a string, found an array"),
        ("created_at", "expected a string, found an object"), ("completed_at", "expected a string, found null"),
        ("usage_limited", "expected a boolean, found a string; read as true"),
        ("system_prompt", "expected a string, found a number"), ("reasoning", "expected a string, found an array"),
        ("mcp_servers", "expected an array, found an object; read as []"),
        ("turns", "expected an array, found a string; read as []"),
        ("usage", "expected an object, found a number; left out"),
        ("duration_ms", "expected a number, found a string; read as 0"),
        ("metadata", "expected an object, found an array; read as {}"),
      ])
  }

  @Test("fields of the wrong type inside servers, turns, blocks and usage are reported by JSON path")
  func wrongLeafTypes() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let blocks: [PyJSON] = [
      "a block as text", ["type": "text", "text": 9], ["type": "thinking", "text": ["x"]],
      [
        "type": "tool_use", "id": 1, "name": nil, "arguments": "not an object", "output": ["a": 1], "is_error": "no",
        "subagent_trajectory": "not a trajectory",
      ],
      [
        "type": "tool_use", "id": "t1", "name": "Bash", "arguments": [:], "output": "fine",
        "subagent_trajectory": ["agent": 1, "turns": [["usage": ["cost_usd": "free"]]]],
      ],
    ]
    let file: PyJSON = [
      "agent": "codex", "model": "gpt-5", "session_id": "wrong-leaves", "created_at": .string(CawFixture.createdAt),
      "completed_at": .string(CawFixture.completedAt), "usage_limited": false, "system_prompt": "", "reasoning": "",
      "mcp_servers": [
        "not a server", ["name": 3, "command": ["x"], "args": "a b", "env": ["K=V"], "url": false],
        ["name": "ok", "command": "srv", "args": ["--x", 1], "env": ["K": "v", "N": 1], "url": ""],
      ],
      "turns": [
        7, ["input": 7, "output": ["type": "text", "text": "x"], "usage": 12, "duration_ms": "slow"],
        [
          "input": "ok", "output": .list(blocks),
          "usage": [
            "input_tokens": "10", "output_tokens": 1.5, "cache_read_tokens": nil, "cache_write_tokens": [],
            "cost_usd": "0.1",
          ],
          "duration_ms": 2.0,
        ],
      ],
      "usage": [
        "input_tokens": .float(String(repeating: "9", count: 400)), "output_tokens": 1e300, "cost_usd": .float("NaN"),
      ],
      "duration_ms": .float("Infinity"), "metadata": ["thread_id": "th-1"],
    ]
    try tree.write(session: "wrong-leaves", "trajectory.json", file.trajectoryFile)

    let session = try tree.unchanged { try tree.reader.load("wrong-leaves") }
    #expect(session.status == .finished)
    let t = try #require(session.trajectory)
    #expect(
      t.mcpServers == [MCPServer(name: ""), MCPServer(name: "ok", command: "srv", args: ["--x"], env: ["K": "v"])])
    #expect(t.turns.map(\.input) == ["", "ok"])
    #expect(t.turns.first == Turn(input: ""))
    let leaf = Trajectory(agent: "", turns: [Turn(input: "")])
    #expect(
      t.turns.last?.output == [
        .text(""), .thinking(""), .toolUse(ToolUse(id: "", name: "", arguments: "not an object", isError: true)),
        .toolUse(ToolUse(id: "t1", name: "Bash", output: "fine", subagentTrajectory: leaf)),
      ])
    #expect(t.turns.last?.usage == UsageStats(outputTokens: 2))
    #expect(t.turns.last?.durationMS == 2)
    #expect(t.usage.inputTokens == 0)
    #expect(t.usage.outputTokens == 0)
    #expect(t.usage.cost.isNaN)
    #expect(t.durationMS == 0)
    Self.expectProblems(
      session.problems,
      [
        ("mcp_servers[0]", "expected an object, found a string; left out"),
        ("mcp_servers[1].name", "expected a string, found a number"),
        ("mcp_servers[1].command", "expected a string, found an array"),
        ("mcp_servers[1].args", "expected an array, found a string; read as []"),
        ("mcp_servers[1].env", "expected an object, found an array; read as {}"),
        ("mcp_servers[1].url", "expected a string, found a boolean"),
        ("mcp_servers[2].args[1]", "expected a string, found a number; left out"),
        ("mcp_servers[2].env.N", "expected a string, found a number; left out"),
        ("turns[0]", "expected an object, found a number; left out"),
        ("turns[1].input", "expected a string, found a number"),
        ("turns[1].output", "expected an array, found an object; read as []"),
        ("turns[1].usage", "expected an object, found a number; left out"),
        ("turns[1].duration_ms", "expected a number, found a string; read as 0"),
        ("turns[2].output[0]", "expected an object, found a string; left out"),
        ("turns[2].output[1].text", "expected a string, found a number"),
        ("turns[2].output[2].text", "expected a string, found an array"),
        ("turns[2].output[3].id", "expected a string, found a number"),
        ("turns[2].output[3].name", "expected a string, found null"),
        ("turns[2].output[3].output", "expected a string, found an object"),
        ("turns[2].output[3].is_error", "expected a boolean, found a string; read as true"),
        ("turns[2].output[3].subagent_trajectory", "expected an object, found a string; left out"),
        ("turns[2].output[4].subagent_trajectory.agent", "expected a string, found a number"),
        (
          "turns[2].output[4].subagent_trajectory.turns[0].usage.cost_usd",
          "expected a number, found a string; read as 0.0"
        ),
        ("turns[2].usage.input_tokens", "expected a number, found a string; read as 0"),
        ("turns[2].usage.output_tokens", "expected a whole number, found 1.5; rounded"),
        ("turns[2].usage.cache_read_tokens", "expected a number, found null; read as 0"),
        ("turns[2].usage.cache_write_tokens", "expected a number, found an array; read as 0"),
        ("turns[2].usage.cost_usd", "expected a number, found a string; read as 0.0"),
        ("usage.input_tokens", "read as 0"),
        ("usage.output_tokens", "expected a whole number, found 1e+300; read as 0"),
        ("duration_ms", "read as 0"),
      ])
  }

  /// caw reads any block whose `type` is not "text"/"thinking" as a tool call; a non-string `type` is a
  /// wrong JSON type all the same and should be reported like every other field.
  @Test("a block whose type is not a string is reported by JSON path")
  func blockTypeNotAString() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let output: [PyJSON] = [["type": 3, "text": "hello"]]
    let file = CawFixture.trajectory("odd-type", turns: [CawFixture.turn(0, output: output)], count: 1)
    try tree.write(session: "odd-type", "trajectory.json", file.trajectoryFile)

    let session = try tree.unchanged { try tree.reader.load("odd-type") }
    #expect(session.trajectory?.turns.first?.toolCalls.count == 1)
    #expect(session.problems.map(\.location) == ["trajectory.json: turns[0].output[0].type"])
  }

  @Test("a top level that is not an object makes the session broken")
  func topLevelNotAnObject() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let cases: [(id: String, value: PyJSON, what: String)] = [
      ("top-array", [["agent": "claude_code", "turns": []]], "an array"), ("top-string", "trajectory", "a string"),
      ("top-null", nil, "null"),
    ]
    for (id, value, _) in cases { try tree.write(session: id, "trajectory.json", value.trajectoryFile) }

    let sessions = try tree.unchanged { cases.map { tree.reader.loadDirectory(named: $0.id) } }
    for (session, (_, _, what)) in zip(sessions, cases) {
      #expect(session.status == .broken)
      #expect(session.brokenReason == "trajectory.json: the top level is \(what), not an object")
      #expect(
        session.problems == [
          ReadProblem(location: "trajectory.json", message: "the top level is \(what), not an object")
        ])
    }
  }

  @Test("garbage lines in traj.jsonl are reported by line number and the valid events still form the turns")
  func garbageEventLines() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let id = "garbage-log"
    let turn0 = CawFixture.turnEvents(0, input: "List files").map(\.line)  // user, thinking, call, result, text, end
    let lines = [
      CawFixture.metadataEvent(id).line,  // 1
      #"{"type": "text", "text": "orphan", "turn_index": 0}"#,  // 2: before any user line
      "this is not JSON",  // 3
      turn0[0],  // 4: user
      "[1, 2, 3]",  // 5: an array
      turn0[1], turn0[2], turn0[3],  // 6-8: thinking, tool_call, tool_result
      #"{"type": "compaction", "turn_index": 0}"#,  // 9: unknown type
      "",  // 10: blank, skipped silently
      turn0[4], turn0[5],  // 11-12: text, turn_end
      #"{"type": "user", "message": "Second", "turn_index": 1}"#,  // 13
      #"{"type": "text", "text": "Working on it", "turn_index": 1}"#,  // 14
      #"{"type": "turn_end", "turn_index": 1, "usage": {"input_tok"#,  // 15: torn, no newline
    ]
    try tree.write(session: id, "traj.jsonl", lines.joined(separator: "\n"))

    let session = try tree.unchanged { try tree.reader.load(id) }
    #expect(session.status == .unfinished)
    #expect(session.source == .eventLog)
    let turns = try #require(session.trajectory?.turns)
    #expect(turns.map(\.input) == ["", "List files", "Second"])
    #expect(turns[0].output == [.text("orphan")])
    #expect(turns[1].output.count == 3)
    #expect(turns[1].toolCalls.first?.output == "a.py\nb.py")
    #expect(turns[1].usage.inputTokens == 10)
    #expect(turns[2].output == [.text("Working on it")])
    #expect(turns[2].usage == UsageStats())
    #expect(session.trajectory?.agent == "claude_code")
    #expect(session.eventLog?.lineCount == 14)
    #expect(session.eventLog?.parentTurnEnds == 1)
    #expect(
      session.problems == [
        ReadProblem(location: "traj.jsonl line 2", message: "event before any user line; kept in a turn with no input"),
        ReadProblem(location: "traj.jsonl line 3", message: "not JSON (expected a value); skipped"),
        ReadProblem(location: "traj.jsonl line 5", message: "an array, not an object; skipped"),
        ReadProblem(location: "traj.jsonl line 9", message: "unknown event type 'compaction'; skipped"),
        ReadProblem(location: "traj.jsonl line 15", message: "not JSON (unexpected end of input); skipped"),
      ])
  }
}
