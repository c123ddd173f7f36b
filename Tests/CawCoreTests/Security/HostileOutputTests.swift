import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// Issue 12, item 6: every byte caw-tui sends to a terminal goes through one sanitiser. Every command
/// and every export format runs on a tree with a hostile payload in every field; the output holds no
/// raw control, C1 or bidi character at all.
@Suite("No raw escape sequence reaches the terminal", .serialized)
struct HostileOutputTests {
  /// OSC 0 (title), OSC 52 (clipboard), OSC 8 (link), CSI 2J (clear), DCS, C1 CSI, RLO and a CR.
  static let payload =
    "\u{1B}]0;pwned\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\"
    + "\u{1B}[2J\u{1B}P1$qm\u{1B}\\\u{9B}31m\u{202E}\u{0D}"

  /// Counts the characters of `bytes` that a terminal acts on rather than shows: C0 controls but
  /// newline and tab, DEL, C1 controls, bidi controls, and bytes that are not UTF-8.
  static func rawSequences(_ bytes: [UInt8]) -> Int {
    var count = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        switch scalar.value {
        case 0x0A, 0x09: continue
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: count += 1
        default: continue
        }
      case .emptyInput: break loop
      case .error: count += 1
      }
    }
    return count
  }

  /// A trajectory with `payload` in every text field, a subagent inside.
  static func hostileTrajectory(agent: String = "claude_code", depth: Int = 0) -> Trajectory {
    let p = payload
    var usage = UsageStats()
    usage.inputTokens = 10
    let sub = depth == 0 ? hostileTrajectory(agent: agent, depth: 1) : nil
    let call = ToolUse(
      id: "toolu_" + p, name: "Bash" + p,
      arguments: .object(["command" + p: .string(p), "list": .array([.string(p), .object([p: .string(p)])])]),
      output: p + "\nline two" + p, isError: true, subagentTrajectory: sub)
    let turn = Turn(input: p + "\n> quoted" + p, output: [.thinking(p), .text("```\n" + p + "\n```"), .toolUse(call)], usage: usage, durationMS: 5)
    return Trajectory(
      agent: agent, model: "model" + p, sessionID: "hostile", createdAt: "not a time" + p, completedAt: p,
      systemPrompt: p, reasoning: p, mcpServers: [MCPServer(name: p, command: p, args: [p], env: [p: p], url: p)],
      turns: [turn, turn], usage: usage, durationMS: 10,
      metadata: [p: .string(p), "thread_id": .string(p), "cancelled_turns": .array([.number(.int(1))])])
  }

  /// A tree with the hostile session `hostile`, one whose agent is unknown, and one whose directory name
  /// itself is hostile.
  static func hostileTree(_ tree: TempTree) throws -> String {
    let data = tree.path + "/data"
    tree.write("data/sessions/hostile/trajectory.json", bytes: hostileTrajectory().trajectoryFileBytes())
    let t = hostileTrajectory()
    tree.write("data/sessions/hostile/traj.jsonl", bytes: TrajEvent.lines([TrajEvent.metadata(t)] + TrajEvent.turn(t.turns[0], index: 0)))
    tree.write("data/sessions/unknownagent/trajectory.json", bytes: hostileTrajectory(agent: payload).trajectoryFileBytes())
    tree.write("data/sessions/\u{1B}]0;t\u{07}\u{9B}x\u{202E}/trajectory.json", bytes: hostileTrajectory().trajectoryFileBytes())
    tree.write("data/sessions/torn/trajectory.json", "{\"agent\": \"" + payload.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())
    tree.write("data/sessions/hostile/turns/000_input.txt", payload)
    return data
  }

  @Test("every command and export format on a hostile tree prints zero raw sequences")
  func everySurface() throws {
    let tree = TempTree()
    let data = try Self.hostileTree(tree)
    let p = Self.payload
    // A claude stream with the payload everywhere, for import and for runs.
    let stream = FakeScenario.claudeLines(p, extra: [
      #"{"type":"assistant","message":{"id":"m0","content":[{"type":"tool_use","id":"t\#(jsonEscaped(p))","name":"Bash\#(jsonEscaped(p))","input":{"c":"\#(jsonEscaped(p))"}}]}}"#,
      #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t\#(jsonEscaped(p))","content":"\#(jsonEscaped(p))","is_error":true}]}}"#,
      "not json" + p,
      #"{"type":"mystery\#(jsonEscaped(p))"}"#,
    ])
    tree.write("stream/000_raw_output.jsonl", stream.joined(separator: "\n"))
    tree.write("stream/000_input.txt", p)
    let scenario = try FakeScenario(tree, [FakeScenario.entry("claude", "go", stream)])
    let hostileDir = tree.path + "/dir" + p
    let runs = tree.path + "/runs"
    try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
    let record: [String: Any] = [
      "pid": Int(getpid()), "process_start_time": Int(Self.startTime()), "session_id": p, "data_dir": p, "provider": p,
      "started_at": p,
    ]
    try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: runs + "/\(getpid()).json"))
    tree.write("pricing.json", #"{"claude_code": {"\#(jsonEscaped(p))": {"input": 1, "output": 2}}}"#)
    tree.write("bin" + p + "/claude", "#!/bin/sh\nprintf 'claude \\033]0;v\\007\\233x\\n'\n")
    chmod(tree.path + "/bin" + p + "/claude", 0o755)
    // A Claude Code session of the agent's own store, with the payload in its text, tool, model and cwd.
    let native = "0f1e2d3c-0000-4000-8000-0000000000ee"
    let e = jsonEscaped(p)
    tree.write(
      "home/.claude/projects/-work-hostile/\(native).jsonl",
      [
        #"{"parentUuid":null,"isSidechain":false,"cwd":"/work/\#(e)","sessionId":"\#(native)","version":"2.1.0","type":"user","message":{"role":"user","content":"hostile native \#(e)"},"uuid":"u1","timestamp":"2026-07-20T10:00:00.000Z"}"#,
        #"{"parentUuid":"u1","isSidechain":false,"cwd":"/work/\#(e)","sessionId":"\#(native)","version":"2.1.0","message":{"id":"m1","type":"message","role":"assistant","model":"claude-\#(e)","content":[{"type":"text","text":"hostile answer \#(e)"},{"type":"tool_use","id":"t1","name":"Bash\#(e)","input":{"command":"\#(e)"}}],"usage":{"input_tokens":10,"output_tokens":5}},"type":"assistant","uuid":"a1","timestamp":"2026-07-20T10:00:02.000Z"}"#,
        #"{"parentUuid":"a1","isSidechain":false,"cwd":"/work/\#(e)","sessionId":"\#(native)","version":"2.1.0","type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"\#(e)"}]},"uuid":"u2","timestamp":"2026-07-20T10:00:03.000Z"}"#,
        #"{"type":"\#(e)","uuid":"x1"}"#,
      ].joined(separator: "\n") + "\n")
    let exported = tree.path + "/exported"
    try FileManager.default.createDirectory(atPath: exported, withIntermediateDirectories: true)

    let d = ["--data-dir", data]
    let a = d + ["--source", "all"]
    var commands: [[String]] = [
      ["list"] + d, ["list", "--no-cache"] + d, ["list", "--json"] + d, ["show", "hostile"] + d, ["show", "hostile", "--json"] + d,
      ["show", "torn"] + d, ["handle", "hostile"] + d, ["handle", "unknownagent"] + d, ["runs"], ["pricing"], ["doctor"] + d,
      ["import", tree.path + "/stream/000_raw_output.jsonl"], ["import", "--provider", p, tree.path + "/stream/000_raw_output.jsonl"],
      ["list", "--data-dir", tree.path + "/missing" + p], ["show", p] + d, ["show", "x" + p] + d,
      ["export", "hostile", "-o", tree.path + "/stream/000_input.txt"] + d, ["demo", hostileDir], ["demo", hostileDir],
      ["run", "--data-dir", hostileDir + "/data", "--provider", "claude", "go"],
      ["run", "--data-dir", data, "--provider", "claude", "--session-id", "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", "go", "go"],
      ["resume", "hostile", "go"] + d, ["resume", "--provider", p, "hostile", "go"] + d,
      // The agents' own stores, search and cost.
      ["list", "--source", "all"] + d, ["list", "--source", "claude", "--json"] + d, ["show", native] + a,
      ["show", native, "--json"] + a, ["handle", native] + a, ["search", "quoted"] + d, ["search", "--json", "quoted"] + d,
      ["search", "hostile", "answer"] + a, ["search", p] + a, ["cost"] + d, ["cost", "--by", "model"] + a,
      ["cost", "--by", "session"] + a, ["cost", "--by", "provider", "--json"] + a,
    ]
    for format in ["json", "markdown", "atif"] {
      commands.append(["export", native, "--format", format] + a)
      commands.append(["export", "hostile", "--format", format] + d)
      commands.append(["export", "hostile", "--format", format, "-o", exported + "/hostile." + format] + d)
    }
    for keys in ["", "Enter", "Enter Enter", "Enter Enter j j j Enter", "Tab Tab", "Tab", "?", "j", "j j", "G Enter"] {
      commands.append(["render", "--size", "160x48", "--keys", keys] + d)
      commands.append(["render", "--size", "60x20", "--keys", keys] + d)
    }
    var findings: [String] = []
    var outputs: [[String]: String] = [:]
    var total = 0
    for arguments in commands {
      let environment = scenario.fakes.environment(extra: [
        "CAW_TUI_RUNS_DIR": runs, "CAW_TUI_PRICING": tree.path + "/pricing.json", "XDG_CACHE_HOME": tree.path + "/cache",
        "HOME": tree.path + "/home", "XDG_DATA_HOME": tree.path + "/home/.local/share",
        "CLAUDE_CONFIG_DIR": tree.path + "/home/.claude", "CODEX_HOME": tree.path + "/home/.codex",
        "PATH": FakeCLIs.fakebin + ":" + tree.path + "/bin" + p + ":/usr/bin:/bin",
      ])
      let run = try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, limit: .seconds(120))
      outputs[arguments] = String(decoding: run.stdout, as: UTF8.self)
      let count = Self.rawSequences(run.stdout) + Self.rawSequences(run.stderr)
      total += count
      if count > 0 || run.timedOut {
        findings.append("\(arguments.prefix(5).map { TextSanitizer.singleLine($0) }): \(count) raw; \(TextSanitizer.singleLine(run.text, limit: 300))")
      }
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: exported) {
      let count = Self.rawSequences(Array(try Data(contentsOf: URL(fileURLWithPath: exported + "/" + name))))
      total += count
      if count > 0 { findings.append("file \(name): \(count) raw") }
    }
    #expect(total == 0, "raw sequences reached the terminal:\n\(findings.joined(separator: "\n"))")
    // The native session and the search hits were really there to be printed.
    #expect(outputs[["show", native] + a]?.contains("Origin: claude") == true, "\(outputs[["show", native] + a] ?? "")")
    #expect(outputs[["search", "quoted"] + d]?.contains("quoted") == true, "\(outputs[["search", "quoted"] + d] ?? "")")
    #expect(commands.count > 40)
  }

  /// The payload as JSON string content.
  private func jsonEscaped(_ text: String) -> String {
    String(PythonJSONWriter.string(.string(text), style: .singleLine).dropFirst().dropLast())
  }

  /// This process's start time in clock ticks (field 22 of /proc/self/stat), as the run registry records it.
  static func startTime() -> UInt64 {
    let stat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.count > 19 ? UInt64(fields[19]) ?? 0 : 0
  }
}
