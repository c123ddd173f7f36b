import CawCore
import Foundation
import Testing
import TestSupport

/// The `caw-tui` binary as a user runs it: list, show, export, handle, errors.
@Suite("caw-tui command line")
struct CLITests {
  private let tree = TempTree("caw-cli")
  private var dataDir: String { tree.path + "/caw_data" }

  init() throws {
    try DemoTree.write(to: tree.path + "/caw_data", now: 1_795_000_000)
  }

  /// The `$XDG_CACHE_HOME` of every run: inside the test's tree.
  private var cacheHome: String { tree.path + "/cache" }

  private func run(_ arguments: [String], environment: [String: String]? = nil, cwd: String? = nil) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, cwd: cwd, cacheHome: cacheHome)
  }

  @Test("list keeps its index in the test's own $XDG_CACHE_HOME, never the developer's")
  func indexStaysInTheTestTree() throws {
    #expect(try run(["list", "--data-dir", dataDir]).status == 0)
    let files = (try? FileManager.default.contentsOfDirectory(atPath: cacheHome + "/caw-tui")) ?? []
    #expect(files.count == 1 && files.allSatisfy { $0.hasPrefix("summaries-") }, "\(files)")
  }

  @Test("list prints one row per session, newest first, with status, counts and cost")
  func listTable() throws {
    let result = try run(["list", "--data-dir", dataDir])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 8)
    #expect(lines[0].hasPrefix("STATUS"))
    #expect(lines[1].hasPrefix("unfinished*") && lines[1].contains("e7f8a9b0"))
    let refactor = try #require(lines.first { $0.contains("5f0c2a9e") })
    #expect(refactor.contains("finished") && refactor.contains("claude-sonnet-4-5") && refactor.contains("$0.11"))
    #expect(lines.contains { $0.hasPrefix("usage-limited") && $0.contains("9d8c7b6a") })
    #expect(lines.contains { $0.contains("README を日本語に翻訳して") })
  }

  @Test("list --json gives every summary field")
  func listJSON() throws {
    let result = try run(["list", "--json", "--data-dir", dataDir])
    let rows = try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue)
    #expect(rows.count == 7)
    let review = try #require(rows.first { $0["id"] == "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" })
    #expect(review["status"] == "finished")
    #expect(review["turns"]?.numberValue?.intValue == 1)
    #expect(review["tool_calls"]?.numberValue?.intValue == 4)  // 2 own + 1 reviewer + 1 auditor
    let cost = try #require(review["cost_usd"]?.numberValue?.doubleValue)
    #expect(abs(cost - (0.0342 + 0.0189 + 0.0031)) < 1e-9)
    #expect(review["first_user_message"] == "Get the refund PR reviewed and fix whatever the review finds.")
    // Where the agent worked (metadata.cwd), the same through the cache and the quick read.
    #expect(review["project"] == "/home/dev/shop")
    let cached = try #require(try JSONParser.parse(Array(try run(["list", "--json", "--data-dir", dataDir]).stdout.utf8)).arrayValue)
    #expect(cached.map { $0["project"] } == rows.map { $0["project"] })
    #expect(Set(rows.compactMap { $0["project"]?.stringValue }) == ["/home/dev/shop", "/home/dev/web"])
  }

  @Test("the data dir comes from --data-dir, else CAW_DATA_DIR, else ./caw_data")
  func dataDirResolution() throws {
    var env = ProcessInfo.processInfo.environment
    env["CAW_DATA_DIR"] = dataDir
    #expect(try run(["list"], environment: env).stdout.contains("5f0c2a9e"))
    env["CAW_DATA_DIR"] = nil
    #expect(try run(["list"], environment: env, cwd: tree.path).stdout.contains("5f0c2a9e"))
    let missing = try run(["list"], environment: env, cwd: "/")
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("no caw data at caw_data"))
  }

  @Test("show prints the caw traj summary, a resume handle and one row per turn")
  func show() throws {
    let result = try run(["show", "--data-dir", dataDir, "5f0c"])
    #expect(result.status == 0)
    let out = result.stdout
    #expect(out.contains("Agent: claude_code | Model: claude-sonnet-4-5 | Turns: 2 | In: 5.3k | Out: 1.8k | Duration: 1m 10.0s | Cost: $0.11 | Tool errors: 1"))
    #expect(out.contains("Tool usage: Bash=3, Edit=1, Read=1, Write=1"))
    #expect(out.contains(#"Resume handle: {"version": 1, "provider": "claude_code", "session_id": "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61", "resume_key": "5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"}"#))
    let rows = out.split(separator: "\n").filter { $0.hasPrefix("   0") || $0.hasPrefix("   1") || $0.hasPrefix(" all") }
    #expect(rows.count == 3)
    #expect(rows[0].contains("4210") && rows[0].contains("$0.0841") && rows[0].contains("48.3s"))
  }

  @Test("show marks the turn in progress of an unfinished session")
  func showInProgress() throws {
    let out = try run(["show", "--data-dir", dataDir, "e7f8"]).stdout
    #expect(out.contains("Status: unfinished (turn 1 in progress)"))
    #expect(out.contains("running"))
  }

  @Test("export writes caw's trajectory JSON, identical to trajectory.json, and never overwrites without --force")
  func export() throws {
    let id = "8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0"
    let stdout = try run(["export", "--data-dir", dataDir, "8b7e"])
    #expect(stdout.stdout == tree.read("caw_data/sessions/\(id)/trajectory.json"))
    let target = tree.path + "/out.json"
    #expect(try run(["export", "--data-dir", dataDir, "8b7e", "-o", target]).status == 0)
    #expect(tree.read("out.json") == stdout.stdout)
    tree.write("out.json", "keep me")
    let again = try run(["export", "--data-dir", dataDir, "8b7e", "-o", target])
    #expect(again.status != 0)
    #expect(again.stderr.contains("already exists; use --force"))
    #expect(tree.read("out.json") == "keep me")
    #expect(try run(["export", "--data-dir", dataDir, "8b7e", "-o", target, "--force"]).status == 0)
    #expect(tree.read("out.json") == stdout.stdout)
  }

  @Test("handle prints the resume handle with the provider's key")
  func handle() throws {
    let codex = try run(["handle", "--data-dir", dataDir, "8b7e"])
    #expect(codex.stdout == #"{"version": 1, "provider": "codex", "session_id": "8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0", "resume_key": "0199a213-81c0-7800-8aa1-bbab2a035a53"}"# + "\n")
    let opencode = try run(["handle", "--data-dir", dataDir, "4e5f"])
    #expect(opencode.stdout.contains(#""provider": "opencode""#) && opencode.stdout.contains("ses_494719016ffe85dkDMj0FPRbHK"))
  }

  @Test("bad session names fail with a clear message and no stack trace", arguments: [
    ("..", "invalid session id '..'"), ("../etc", "may not start with '.'"), ("a/b", "path separator"),
    ("zzzz", "no session 'zzzz'"), ("", "it is empty"),
  ])
  func badNames(name: String, message: String) throws {
    let result = try run(["show", "--data-dir", dataDir, name])
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test("an ambiguous prefix names the candidates")
  func ambiguousPrefix() throws {
    tree.write("caw_data/sessions/5f0c0000-0000-4000-8000-000000000000/traj.jsonl", "")
    let result = try run(["show", "--data-dir", dataDir, "5f0c"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("'5f0c' matches 2 sessions: 5f0c0000-0000-4000-8000-000000000000, 5f0c2a9e"))
  }

  @Test("--demo lists the bundled demo without any data directory")
  func demo() throws {
    let result = try run(["--demo"], cwd: "/")
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").count == 8)
    #expect(result.stdout.contains("codex") && result.stdout.contains("opencode") && result.stdout.contains("usage-limited"))
  }
}
