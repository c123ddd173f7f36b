import Dispatch
import Foundation
import Glibc
import OrderedCollections
import Testing
import TestSupport

@testable import CawCore

/// Listing, finding, linking and importing native sessions, through the core and through `caw-tui` as a
/// user runs it with only `~/.claude`, `~/.codex` and opencode's store (and a caw tree beside them).
@Suite("native sessions: catalog and command line", .serialized)
struct NativeCatalogTests {
  let fixtures = NativeFixtures("native-cli")
  var cawData: String { fixtures.tree.path + "/caw_data" }

  init() throws {
    fixtures.writeAll()
    try DemoTree.write(to: cawData, now: 1_795_000_000)
  }

  private var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = fixtures.home
    env["XDG_CACHE_HOME"] = fixtures.tree.path + "/cache"
    env["XDG_DATA_HOME"] = nil
    env["CLAUDE_CONFIG_DIR"] = nil
    env["CODEX_HOME"] = nil
    env["CAW_DATA_DIR"] = cawData
    return env
  }

  private func run(_ arguments: [String]) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, cwd: fixtures.tree.path)
  }

  private func rows(_ arguments: [String]) throws -> [JSONValue] {
    let result = try run(["list", "--json"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue)
  }

  /// Every file under the agents' stores with its size and modification time.
  private func storeSnapshot() -> [String: [Int]] {
    var snapshot: [String: [Int]] = [:]
    let root = fixtures.home
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [:] }
    for case let relative as String in walker {
      guard let st = FileSystem.status(root + "/" + relative) else { continue }
      snapshot[relative] = [Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }
    return snapshot
  }

  @Test("list finds the caw tree and every agent store by default, each entry with its origin; --source chooses")
  func listsEveryOrigin() throws {
    let all = try rows([])
    var byOrigin: [String: Int] = [:]
    for row in all { byOrigin[row["origin"]?.stringValue ?? "?", default: 0] += 1 }
    #expect(byOrigin == ["caw": 7, "claude": 3, "codex": 2, "opencode": 1])
    let codex = try #require(all.first { $0["id"] == .string(NativeFixtures.codexNew) })
    #expect(codex["source"] == "codex-rollout" && codex["agent"] == "codex" && codex["turns"]?.numberValue?.intValue == 2)
    #expect(codex["native_path"] == .string(fixtures.codexNewPath) && codex["resume_key"] == .string(NativeFixtures.codexNew))
    #expect(try rows(["--source", "codex"]).map { $0["origin"] } == [.string("codex"), .string("codex")])
    #expect(Set(try rows(["--source", "claude", "--source", "opencode"]).compactMap { $0["origin"]?.stringValue }) == ["claude", "opencode"])
    #expect(try rows(["--source", "caw"]).count == 7)
    // --data-dir names one caw tree: only it, unless --source asks for more.
    #expect(try rows(["--data-dir", cawData]).count == 7)
    #expect(try rows(["--data-dir", cawData, "--source", "all"]).count == 13)
    let bad = try run(["list", "--source", "cursor"])
    #expect(bad.status != 0 && bad.stderr.contains("--source must be caw, claude, codex, opencode or all"))
    // The table has the origin column; the second listing comes from the index and is the same.
    let table = try run(["list"])
    #expect(table.stdout.split(separator: "\n").first?.contains("ORIGIN") == true)
    #expect(table.stdout.contains("opencode") && table.stdout.contains("Document the public functions in lib/car"))
    #expect(try run(["list"]).stdout == table.stdout)
  }

  @Test("the TUI lists the stores' sessions beside caw's with their source, source: filters, and a native one opens")
  func terminalUIShowsNativeSessions() throws {
    let before = storeSnapshot()
    func render(_ keys: String) throws -> String {
      let result = try run(["render", "--size", "150x40", "--keys", keys])
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout
    }
    let list = try render("")
    #expect(list.contains("SOURCE"), "\(list)")
    #expect(list.contains("13/13"), "\(list)")
    for origin in ["caw", "claude", "codex", "opencode"] { #expect(list.contains(" \(origin) "), "no \(origin) row: \(list)") }
    // source: keeps one store's sessions; a codex rollout's turn opens with what the rollout holds.
    let codex = try render("/ s o u r c e : c o d e x Enter")
    #expect(codex.contains("2/13 · sort newest · /source:codex"), "\(codex)")
    let transcript = try render("/ s o u r c e : c o d e x Space 0 1 9 f c 8 b e Enter Enter Enter")
    #expect(transcript.contains("Run the tests and fix the failure"), "\(transcript)")
    #expect(transcript.contains("Shipping was missing from the total; fixed."), "\(transcript)")
    let bad = try render("/ s o u r c e : x Enter")
    #expect(bad.contains("source: is caw, claude, codex or opencode"), "\(bad)")
    #expect(storeSnapshot() == before)
  }

  /// The hits `caw-tui search --json` prints for `arguments`, with its exit status.
  private func searchHits(_ arguments: [String]) throws -> (status: Int32, hits: [JSONValue]) {
    let result = try run(["search", "--json"] + arguments)
    #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
    return (result.status, try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue))
  }

  @Test("search finds text in every store, each hit with its origin; --source and source: choose; the stores stay as they were")
  func searchEveryStore() throws {
    let before = storeSnapshot()
    // A subagent's tool output in Claude Code 1.0's inline sidechains, a codex 0.40 shell output, an
    // opencode tool error.
    let claude = try searchHits(["RETRY_DELAY"]).hits
    #expect(!claude.isEmpty && claude.allSatisfy { $0["origin"] == "claude" && $0["session_id"] == .string(NativeFixtures.claudeV1) }, "\(claude)")
    #expect(claude.contains { $0["kind"] == "tool_call" && $0["depth"]?.numberValue?.intValue == 1 }, "\(claude)")
    let codex = try searchHits(["CREATE TABLE orders"]).hits
    #expect(Set(codex.compactMap { $0["session_id"]?.stringValue }) == [NativeFixtures.codexOld], "\(codex)")
    #expect(codex.contains { $0["origin"] == "codex" && $0["tool"] == "shell" && $0["field"] == "output" }, "\(codex)")
    let opencode = try searchHits(["tsc not found"]).hits
    #expect(opencode.first?["origin"] == "opencode" && opencode.first?["session_id"] == .string(NativeFixtures.opencodeFiles), "\(opencode)")
    // Choosing the sources: an option, or a word among the query's.
    #expect(try searchHits(["--source", "caw", "RETRY_DELAY"]).status == 1)
    #expect(try searchHits(["source:codex", "RETRY_DELAY"]).status == 1)
    #expect(try searchHits(["source:claude", "RETRY_DELAY"]).hits.count == claude.count)
    // A search of the caw tree alone leaves the stores' sessions in the index for the next one.
    #expect(try searchHits(["--no-update", "CREATE TABLE orders"]).hits.count == codex.count)
    // A rollout removed is forgotten.
    try FileManager.default.removeItem(atPath: fixtures.codexOldPath)
    #expect(try searchHits(["CREATE TABLE orders"]).status == 1)
    try FileManager.default.removeItem(atPath: fixtures.codexNewPath)
    var after = storeSnapshot()
    after = after.filter { !$0.key.hasPrefix(".codex/sessions") }
    #expect(after == before.filter { !$0.key.hasPrefix(".codex/sessions") })
  }

  @Test("a native record that a caw session recorded is searched as that session, not twice")
  func searchFoldsLinkedRecord() throws {
    let caw = Trajectory(
      agent: "codex", model: "gpt-5.3-codex", sessionID: "5e551011-0000-4000-8000-00000000c0de",
      createdAt: "2026-08-03T10:48:55+00:00", completedAt: "2026-08-03T10:49:07+00:00",
      turns: [Turn(input: "Run the tests and fix the failure", output: [.text("Shipping was missing from the total; fixed.")])],
      metadata: ["thread_id": .string(NativeFixtures.codexNew)])
    var store = try SessionStore(dataDirectory: cawData, sessionID: caw.sessionID)
    try store.writeMetadata(caw)
    try store.appendTurn(caw.turns[0], trajectory: caw, rawOutput: "")
    let hits = try searchHits(["Shipping was missing"]).hits
    #expect(Set(hits.compactMap { $0["session_id"]?.stringValue }) == [caw.sessionID], "\(hits)")
    #expect(hits.allSatisfy { $0["origin"] == "caw" })
    // Listed alone (no caw tree), the record is its own session.
    let alone = try searchHits(["--source", "codex", "Shipping was missing"]).hits
    #expect(Set(alone.compactMap { $0["session_id"]?.stringValue }) == [NativeFixtures.codexNew], "\(alone)")
  }

  @Test("S in the TUI finds text in a native session and opens it at the match")
  func finderOpensNativeSession() throws {
    let result = try run(["render", "--size", "150x40", "--keys", "S w a l l - c l o c k"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("1 hit  · 13 sessions indexed"), "\(result.stdout)")
    #expect(result.stdout.contains("claude_code  app  turn 0  text"), "\(result.stdout)")
    let opened = try run(["render", "--size", "150x40", "--keys", "S w a l l - c l o c k Enter"])
    #expect(opened.status == 0, "\(opened.stderr)")
    #expect(opened.stdout.contains("test_retry depends on wall-clock time"), "\(opened.stdout)")
    #expect(opened.stdout.contains("match 1/"), "\(opened.stdout)")
  }

  @Test("show, export and handle work on native sessions by id prefix or path, and never change the stores")
  func showExportNative() throws {
    let before = storeSnapshot()
    let show = try run(["show", NativeFixtures.claudeV21])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("Origin: claude") && show.stdout.contains("Tool usage: Agent=1, Bash=1, Write=1"))
    #expect(show.stdout.contains("unknown type 'hologram-state'"))
    let json = try JSONParser.parse(Array(try run(["show", "--json", fixtures.codexNewPath]).stdout.utf8))
    #expect(json["origin"] == "codex" && json["native_record"]?["path"] == .string(fixtures.codexNewPath))
    #expect(json["resume_handle"]?.stringValue?.contains(NativeFixtures.codexNew) == true)
    for format in ["json", "markdown", "atif"] {
      let out = try run(["export", NativeFixtures.opencodeFiles, "--format", format])
      #expect(out.status == 0 && out.stdout.contains("lib/cart.ts"), "\(format): \(out.stderr)")
    }
    let exported = try run(["export", NativeFixtures.claudeV1])
    var decoder = TrajectoryDecoder()
    let trajectory = try #require(decoder.decode(try JSONParser.parse(Array(exported.stdout.utf8))))
    #expect(trajectory.turns.first?.toolCalls.first?.subagentTrajectory != nil)
    let handle = try run(["handle", NativeFixtures.codexOld])
    #expect(handle.stdout.contains("\"resume_key\": \"\(NativeFixtures.codexOld)\""))
    #expect(storeSnapshot() == before)
  }

  @Test("import --native writes a caw session Python caw reads and resumes; the list then folds the record into it")
  func importNative() throws {
    let before = storeSnapshot()
    let imported = try run(["import", "--native", NativeFixtures.claudeV1])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("Imported claude session \(NativeFixtures.claudeV1) (1 turns)"))
    let again = try run(["import", "--native", NativeFixtures.claudeV1])
    #expect(again.status != 0 && again.stderr.contains("already exists"))
    #expect(storeSnapshot() == before)

    // Listed once, as the caw session, which names its native record.
    let all = try rows([])
    let matching = all.filter { $0["id"] == .string(NativeFixtures.claudeV1) }
    #expect(matching.count == 1)
    #expect(matching.first?["origin"] == "caw")
    #expect(matching.first?["native_path"] == .string(fixtures.claudeDirectory + "/\(NativeFixtures.claudeV1).jsonl"))
    #expect(try rows(["--source", "claude"]).contains { $0["id"] == .string(NativeFixtures.claudeV1) })
    let show = try JSONParser.parse(Array(try run(["show", "--json", NativeFixtures.claudeV1]).stdout.utf8))
    #expect(show["origin"] == "caw" && show["native_record"]?["origin"] == "claude")

    // Python caw reads it as its own and resumes it through the (fake) CLI, continuing the numbering.
    let python = try Interop.json("inspect_session.py", [cawData, NativeFixtures.claudeV1])
    #expect(python["trajectory_error"] == .null && python["num_turns"]?.numberValue?.intValue == 1)
    #expect(python["turn_files"]?.arrayValue == [.string("000_input.txt"), .string("000_raw_output.jsonl")])
    let lines = try Interop.script("caw_traj_lines.py", [cawData + "/sessions/\(NativeFixtures.claudeV1)/trajectory.json", "--recursive"])
    #expect(!lines.contains("L?") && lines.contains("[1/0] user: \"Find the retry delay constant\""), "\(lines)")
    let handle = try #require(python["resume_handle"]?.stringValue)
    let resumed = try Interop.json("resume_with_caw.py", [cawData, handle, "and the backoff?"])
    #expect(resumed["num_turns"]?.numberValue?.intValue == 2)
    #expect(resumed["turn_files"]?.arrayValue?.contains(.string("001_input.txt")) == true)
  }

  @Test("a caw session links to its codex rollout by thread id, and the rollout supplies the command output caw left empty")
  func linkedAdditions() throws {
    var caw = Trajectory(
      agent: "codex", model: "gpt-5.3-codex", sessionID: "5e551011-0000-4000-8000-00000000c0de",
      createdAt: "2026-08-03T10:48:55+00:00", completedAt: "2026-08-03T10:49:07+00:00",
      turns: [
        Turn(
          input: "Run the tests and fix the failure",
          output: [
            .toolUse(ToolUse(id: "item_1", name: "command_execution", arguments: ["command": "bash -lc 'pytest -q'"], output: "")),
            .toolUse(ToolUse(id: "item_2", name: "file_change", arguments: ["changes": []], output: "")),
            .text("Shipping was missing from the total; fixed."),
          ])
      ], metadata: ["thread_id": .string(NativeFixtures.codexNew)])
    caw.usage = UsageStats()
    var store = try SessionStore(dataDirectory: cawData, sessionID: caw.sessionID)
    try store.writeMetadata(caw)
    try store.appendTurn(caw.turns[0], trajectory: caw, rawOutput: "")
    let catalog = SessionCatalog(
      dataDirectory: DataDirectory(cawData), stores: fixtures.stores, origins: [.caw, .codex], pricing: .builtIn)
    let loaded = try catalog.load(caw.sessionID)
    #expect(loaded.nativeRecord?.path == fixtures.codexNewPath && loaded.nativeRecord?.origin == .codex)
    let additions = try #require(catalog.additions(for: loaded))
    #expect(additions.outputs.count == 1 && additions.outputs.first?.block == 0)
    #expect(additions.outputs.first?.output.contains("FAILED tests/test_cart.py::test_total") == true)
    let filled = additions.applied(to: try #require(loaded.trajectory))
    #expect(filled.turns[0].toolCalls[0].isError && filled.turns[0].toolCalls[0].output.hasPrefix("F....\n"))
    let json = try JSONParser.parse(Array(try run(["show", "--json", caw.sessionID]).stdout.utf8))
    #expect(json["native_record"]?["path"] == .string(fixtures.codexNewPath))
    #expect(json["native_record"]?["adds"]?["outputs"]?.numberValue?.intValue == 1)
    #expect(json["native_record"]?["adds"]?["subagents"]?.numberValue?.intValue == 0)
    let text = try run(["show", caw.sessionID]).stdout
    #expect(text.contains("(adds 1 tool output caw recorded empty; the TUI shows them)"), "\(text)")
  }

  @Test("a FIFO, a directory and an unreadable file named like transcripts are reported, never waited on")
  func hostileEntries() throws {
    let fifo = fixtures.claudeDirectory + "/0f1e2d3c-0000-4000-8000-0000000000ff.jsonl"
    #expect(mkfifo(fifo, 0o600) == 0)
    let rollouts = fixtures.home + "/.codex/sessions/2026/08/04"
    try FileManager.default.createDirectory(atPath: rollouts + "/rollout-2026-08-04T00-00-00-x.jsonl", withIntermediateDirectories: true)
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var summaries: [SessionSummary] = []
    let catalog = SessionCatalog(dataDirectory: nil, stores: fixtures.stores, origins: [.claude, .codex], pricing: .builtIn)
    Thread {
      summaries = catalog.list(cacheDirectory: nil).summaries
      done.signal()
    }.start()
    #expect(done.wait(timeout: .now() + 30) == .success, "listing blocked on a FIFO")
    let broken = try #require(summaries.first { $0.path == fifo })
    #expect(broken.status == .broken && broken.brokenReason?.contains("not a regular file") == true)
    #expect(summaries.filter { $0.status != .broken }.count == 5)
  }

  @Test("a transcript with a line longer than the read chunk and invalid UTF-8 reads whole, lines intact")
  func longLinesAndBadBytes() throws {
    let path = fixtures.claudeDirectory + "/0f1e2d3c-0000-4000-8000-0000000000aa.jsonl"
    let big = String(repeating: "x", count: 3 << 20)
    var bytes = Array(
      (#"{"type":"user","sessionId":"s","message":{"role":"user","content":"run it"},"uuid":"u1","timestamp":"2026-01-01T00:00:00Z"}"#
        + "\n" + #"{"type":"assistant","message":{"id":"m1","model":"claude-sonnet-4-5","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"yes"}}],"usage":{"input_tokens":1,"output_tokens":1}},"timestamp":"2026-01-01T00:00:01Z"}"#
        + "\n" + #"{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":""#).utf8)
    bytes += Array(big.utf8) + [0xFF, 0xFE] + Array(#""}]},"timestamp":"2026-01-01T00:00:09Z"}"#.utf8) + [0x0A]
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    let loaded = ClaudeTranscript.load(path: path, pricing: .builtIn, skimmingContent: false)
    let output = try #require(loaded.trajectory?.turns.first?.toolCalls.first?.output)
    #expect(output.utf8.count == (3 << 20) + 6 && output.hasSuffix("\u{FFFD}\u{FFFD}"))
    #expect(loaded.status == .finished)
  }
}
