import CawCore
import Foundation
import OrderedCollections
import TestSupport

/// A tree for the search tests: a generated tree, the demo sessions, and sessions shaped to trip an index
/// up (only `traj.jsonl`, a torn `trajectory.json`, hostile text, invalid UTF-8, subagents three deep, a
/// turn that is not an object, `created_at` after the turns, a FIFO).
struct SearchTestTree {
  let temp = TempTree("caw-search")
  var data: String { temp.path + "/caw_data" }
  var cache: String { temp.path + "/cache" }
  var reader: SessionReader { SessionReader(DataDirectory(data)) }

  init(sessions: Int = 30, largeMB: Int = 1, seed: UInt64 = 15) throws {
    try SyntheticTree(sessionCount: sessions, largeSessionMegabytes: largeMB, seed: seed).write(to: data)
    try DemoTree.write(to: data, now: 1_795_000_000)
    try writeEdgeSessions()
  }

  /// A session of one turn whose tool call ran nested subagents `depth` deep.
  static func nested(id: String, depth: Int, word: String) -> Trajectory {
    func level(_ n: Int) -> Trajectory {
      var turn = Turn(input: "level \(n) task about \(word)", output: [.thinking("thinking at level \(n)")])
      if n < depth {
        turn.output.append(
          .toolUse(ToolUse(id: "c\(n)", name: "mcp__subagent__deeper", arguments: .object(["task": .string("go deeper \(n)")]),
            output: "result of level \(n + 1)", subagentTrajectory: level(n + 1))))
      }
      turn.output.append(.text("\(word) found at level \(n)"))
      return Trajectory(agent: "claude_code", model: "claude-sonnet-4-5", sessionID: "sub\(n)", turns: [turn])
    }
    var t = level(0)
    t.sessionID = id
    t.createdAt = "2026-11-20T10:00:00+00:00"
    t.metadata = ["cwd": "/home/dev/deep-project"]
    return t
  }

  private func writeEdgeSessions() throws {
    let base = Trajectory(
      agent: "codex", model: "gpt-5.3-codex", sessionID: "", createdAt: "2026-11-19T08:00:00+00:00",
      completedAt: "2026-11-19T08:05:00+00:00", turns: [
        Turn(input: "Explain the ledger reconciliation", output: [
          .thinking("The ledger reconciliation compares two totals."),
          .toolUse(ToolUse(id: "t1", name: "command_execution", arguments: .object(["command": "cat ledger.csv", "retries": 3]),
            output: "date,amount\n2026-11-01,12.50\nreconciliation pending")),
          .text("Reconciliation is pending for November."),
        ])
      ], metadata: ["cwd": "/srv/ledger"])

    // Only traj.jsonl (trajectory.json not written yet, as caw leaves a new session).
    var jsonlOnly = base
    jsonlOnly.sessionID = "edge-jsonl-only"
    try record(jsonlOnly, snapshot: false)

    // trajectory.json torn half-way (caw rewrites it in place), traj.jsonl complete.
    var torn = base
    torn.sessionID = "edge-torn"
    torn.turns[0].input = "Torn snapshot about the ledger"
    try record(torn, snapshot: true)
    let tornPath = "\(data)/sessions/edge-torn/trajectory.json"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: tornPath))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: tornPath))

    // Hostile text: escape sequences and a bidi override around a findable word.
    var hostile = base
    hostile.sessionID = "edge-hostile"
    hostile.turns[0].output[2] = .text("before \u{1B}]0;pwned\u{7}\u{1B}[2J hostilemarker \u{202E}reversed\u{202C} after")
    try record(hostile, snapshot: true)

    // Invalid UTF-8 in a text block (the reader shows U+FFFD; the index must read the same).
    var broken = base
    broken.sessionID = "edge-badutf8"
    broken.turns[0].output[2] = .text("utf8marker BROKENBYTES tail")
    try record(broken, snapshot: true)
    let badPath = "\(data)/sessions/edge-badutf8/trajectory.json"
    var bad = Array(try Data(contentsOf: URL(fileURLWithPath: badPath)))
    if let range = bad.firstRange(of: Array("BROKENBYTES".utf8)) { bad.replaceSubrange(range, with: [0x62, 0xFF, 0xFE, 0x63]) }
    try Data(bad).write(to: URL(fileURLWithPath: badPath))

    // Subagents three deep.
    try record(Self.nested(id: "edge-deep", depth: 3, word: "abyssal"), snapshot: true)

    // A turn that is not an object: the decoder leaves it out, and it takes no turn number.
    var weird = base
    weird.sessionID = "edge-weird"
    weird.turns.append(Turn(input: "second turn mentions weirdmarker"))
    try record(weird, snapshot: true)
    let weirdPath = "\(data)/sessions/edge-weird/trajectory.json"
    var text = try String(contentsOfFile: weirdPath, encoding: .utf8)
    text = text.replacingOccurrences(of: "\"turns\": [\n", with: "\"turns\": [\n    17,\n    \"not a turn\",\n")
    try text.write(toFile: weirdPath, atomically: true, encoding: .utf8)

    // created_at after the turns (not caw's order) in a file over a chunk: the index learns the start time
    // only at the end.
    var late = base
    late.sessionID = "edge-late"
    late.createdAt = "2026-11-18T06:30:00+00:00"
    late.turns[0].input = "latecomer session about the ledger"
    // Over a chunk (1 MiB), so the start time is not in the first chunk read.
    let lines = (0..<30_000).map { "line \($0) of the late dump, checksum \(String($0 &* 2_654_435_761 % 1_000_003, radix: 16))" }
    late.turns[0].output.append(.toolUse(ToolUse(id: "dump", name: "Bash", arguments: .object(["command": "cat dump.log"]), output: lines.joined(separator: "\n"))))
    try record(late, snapshot: true)
    let latePath = "\(data)/sessions/edge-late/trajectory.json"
    var object = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: latePath)))).objectValue!
    let created = object.removeValue(forKey: "created_at")!
    object["created_at"] = created
    try Data(PythonJSONWriter.string(.object(object), style: .indented).utf8).write(to: URL(fileURLWithPath: latePath))
  }

  /// Writes a session's `traj.jsonl` (and `trajectory.json` when `snapshot`).
  func record(_ t: Trajectory, snapshot: Bool) throws {
    var store = try SessionStore(dataDirectory: data, sessionID: t.sessionID)
    var header = t
    header.turns = []
    try store.writeMetadata(header)
    var sofar = header
    for turn in t.turns {
      sofar.turns.append(turn)
      if snapshot {
        try store.appendTurn(turn, trajectory: sofar, rawOutput: "")
      } else {
        try FileManager.default.createDirectory(atPath: store.sessionDirectory + "/turns", withIntermediateDirectories: true)
        let handle = FileHandle(forWritingAtPath: store.eventLogPath)!
        handle.seekToEndOfFile()
        handle.write(Data(TrajEvent.lines(TrajEvent.turn(turn, index: sofar.turns.count - 1))))
        try handle.close()
      }
    }
    if snapshot { try store.saveTrajectory(t) }
  }
}
