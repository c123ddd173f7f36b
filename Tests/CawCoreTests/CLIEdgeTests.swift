import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// The command line's rough edges a new user hits: options before the subcommand, missing
/// directories, torn sessions, JSON output, unknown costs, odd directory names.
@Suite("caw-tui command line: edges")
struct CLIEdgeTests {
  private let tree = TempTree("caw-cli-edges")
  private var dataDir: String { tree.path + "/caw_data" }

  init() throws {
    try DemoTree.write(to: tree.path + "/caw_data", now: 1_795_000_000)
  }

  private func run(_ arguments: [String], environment: [String: String]? = nil, cwd: String? = nil) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, cwd: cwd, cacheHome: tree.path + "/cache")
  }

  /// A codex stream that names no model (codex never does; caw prices it from the configured model).
  private let codexStream = """
    {"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}
    {"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Done."}}
    {"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}
    """

  @Test("--demo and --data-dir work before the subcommand as after it")
  func globalOptionsBeforeTheSubcommand() throws {
    let demo = try run(["--demo", "list"], cwd: "/")
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.hasPrefix("STATUS") && demo.stdout.contains("usage-limited"))
    let show = try run(["--data-dir", dataDir, "show", "5f0c"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("Agent: claude_code | Model: claude-sonnet-4-5"))
    let handle = try run(["--data-dir=\(dataDir)", "handle", "8b7e"])
    #expect(handle.stdout.contains(#""provider": "codex""#), "\(handle.stderr)")
    // A subcommand that has no data directory says so about the option.
    let runs = try run(["--demo", "runs"])
    #expect(runs.status != 0)
    #expect(runs.stderr.contains("--demo"), "\(runs.stderr)")
  }

  @Test("a data directory that does not exist is called that, by the browser as by list")
  func missingDataDirectory() throws {
    try FileManager.default.createDirectory(atPath: tree.path + "/empty", withIntermediateDirectories: true)
    for (directory, what) in [("nope", "it does not exist"), ("empty", "it has no sessions/ directory")] {
      for arguments in [["--data-dir", tree.path + "/" + directory], ["list", "--data-dir", tree.path + "/" + directory]] {
        let result = try run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no caw data at \(tree.path)/\(directory): \(what)"), "\(arguments): \(result.stderr)")
      }
    }
  }

  @Test("resume of a session whose trajectory.json is torn says what is wrong and writes nothing")
  func resumeTornSession() throws {
    for (id, expected) in [
      // codex keeps its resume key (the thread id) only in trajectory.json
      ("8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0", "traj.jsonl, read instead, records no resume key"),
      // claude's key is the session id, which traj.jsonl has: resuming would still drop what only trajectory.json held
      ("5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61", "restore trajectory.json first"),
    ] {
      let path = "caw_data/sessions/\(id)/trajectory.json"
      let torn = String(tree.read(path).prefix(300))
      tree.write(path, torn)
      let listing = try FileManager.default.subpathsOfDirectory(atPath: dataDir + "/sessions/" + id).sorted()
      let result = try run(["resume", "--data-dir", dataDir, String(id.prefix(4)), "go on"])
      #expect(result.status != 0)
      #expect(!result.stderr.contains("no persisted session was found"), "\(result.stderr)")
      #expect(result.stderr.contains("trajectory.json is torn"), "\(result.stderr)")
      #expect(result.stderr.contains(expected), "\(result.stderr)")
      #expect(tree.read(path) == torn)
      #expect(try FileManager.default.subpathsOfDirectory(atPath: dataDir + "/sessions/" + id).sorted() == listing)
    }
  }

  @Test("show --json names the cancelled turns, as show does")
  func showJSONCancelledTurns() throws {
    let id = "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    let path = dataDir + "/sessions/\(id)/trajectory.json"
    var t = try #require(try Trajectory.read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).trajectory)
    t.metadata["cancelled_turns"] = .array([.number(.int(1))])
    try Data(t.trajectoryFileBytes()).write(to: URL(fileURLWithPath: path))
    #expect(try run(["show", "--data-dir", dataDir, "5f0c"]).stdout.contains("Cancelled: turn 001"))
    let result = try run(["show", "--json", "--data-dir", dataDir, "5f0c"])
    let o = try #require(try JSONParser.parse(Array(result.stdout.utf8)).objectValue, "\(result.stderr)")
    #expect(o["cancelled_turns"] == .array([.number(.int(1))]))
    let turns = try #require(o["turn_list"]?.arrayValue)
    #expect(turns.count == 2)
    #expect(turns.map { $0["cancelled"] } == [.bool(false), .bool(true)])
    // The list says so too: the session ended, but its last turn was stopped.
    let listed = try JSONParser.parse(Array(try run(["list", "--json", "--no-cache", "--data-dir", dataDir]).stdout.utf8))
    let row = try #require(listed.arrayValue?.first { $0["id"] == .string(id) })
    #expect(row["last_turn_cancelled"] == .bool(true))
    #expect(listed.arrayValue?.filter { $0["last_turn_cancelled"] == .bool(true) }.count == 1)
  }

  @Test("runs --json lists the runs recording right now")
  func runsJSON() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["CAW_TUI_RUNS_DIR"] = tree.path + "/runs"
    #expect(try run(["runs", "--json"], environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    let registry = RunRegistry(environment: environment)
    let record = try registry.register(sessionID: "8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0", dataDirectory: dataDir, provider: .codex)
    defer { registry.unregister(record) }
    let result = try run(["runs", "--json"], environment: environment)
    let rows = try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue, "\(result.stderr)")
    #expect(rows.count == 1)
    #expect(rows.first?["pid"]?.numberValue?.intValue == Int(getpid()))
    #expect(rows.first?["session_id"] == "8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0")
    #expect(rows.first?["provider"] == "codex")
    #expect(rows.first?["data_dir"] == .string(dataDir))
  }

  @Test("import of a codex stream with no model says the cost is unknown; list and show say it too")
  func importUnknownCost() throws {
    tree.write("stream.jsonl", codexStream)
    let unknown = try run(["import", tree.path + "/stream.jsonl"])
    #expect(unknown.status == 0, "\(unknown.stderr)")
    #expect(unknown.stderr.contains("cost is unknown"), "\(unknown.stderr)")
    let t = try #require(try Trajectory.read(Array(unknown.stdout.utf8)).trajectory)
    #expect(t.metadata["unpriced_turns"] == .array([.number(.int(0))]))
    // The figure stays a number caw reads; the list says what it means.
    #expect(t.turns.first?.usage.costUSD == .double(0))
    let priced = try run(["import", "--model", "gpt-5.3-codex", tree.path + "/stream.jsonl"])
    #expect(!priced.stderr.contains("unknown"))
    #expect(try Trajectory.read(Array(priced.stdout.utf8)).trajectory?.metadata["unpriced_turns"] == nil)

    // The imported trajectory as a session: list and show say "unknown", not $0.
    let id = t.sessionID
    tree.write("caw_data/sessions/\(id)/trajectory.json", bytes: t.trajectoryFileBytes())
    let list = try run(["list", "--data-dir", dataDir])
    let row = try #require(list.stdout.split(separator: "\n").first { $0.contains(String(id.prefix(8))) })
    #expect(row.contains("unknown"), "\(row)")
    let listJSON = try #require(try JSONParser.parse(Array(try run(["list", "--json", "--data-dir", dataDir]).stdout.utf8)).arrayValue)
    #expect(listJSON.first { $0["id"] == .string(id) }?["cost_known"] == .bool(false))
    #expect(listJSON.first { $0["id"] == "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61" }?["cost_known"] == .bool(true))
    let show = try run(["show", "--data-dir", dataDir, String(id.prefix(8))]).stdout
    #expect(show.contains("Cost: unknown"), "\(show)")
  }
}
