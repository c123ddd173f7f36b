import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui search` as users run it.
@Suite("search on the command line")
struct SearchCLITests {
  private let tree: SearchTestTree
  private var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    return env
  }

  init() throws {
    tree = try SearchTestTree(sessions: 12, largeMB: 0)
  }

  private func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment.merging(extra) { $1 }, cacheHome: tree.cache)
  }

  private func json(_ result: ProcessResult) throws -> [JSONValue] {
    try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue, "not a JSON array: \(result.stdout.prefix(200)) \(result.stderr)")
  }

  @Test("search --json: an array of hits with session, turn, block, where in the block, and a snippet")
  func searchJSON() throws {
    let result = try run(["search", "--data-dir", tree.data, "--json", "abyssal", "found", "level", "3"])
    #expect(result.status == 0, "\(result.stderr)")
    let hits = try json(result)
    #expect(hits.count == 1)
    let hit = try #require(hits.first?.objectValue)
    #expect(hit["session_id"] == "edge-deep" && hit["turn"]?.numberValue?.intValue == 0 && hit["block"]?.numberValue?.intValue == 1)
    #expect(hit["depth"]?.numberValue?.intValue == 3 && hit["location"]?.arrayValue?.count == 4)
    #expect(hit["kind"] == "text" && hit["field"] == "text" && hit["offset"]?.numberValue?.intValue == 0 && hit["line"]?.numberValue?.intValue == 0)
    #expect(hit["snippet"]?.stringValue?.contains("abyssal found at level 3") == true && hit["project"] == "/home/dev/deep-project")
    // The index was written to the cache directory, not the data directory.
    #expect(try FileManager.default.contentsOfDirectory(atPath: tree.cache + "/caw-tui").contains { $0.hasPrefix("search-") })
    #expect(!(try FileManager.default.contentsOfDirectory(atPath: tree.data)).contains { $0.contains("search") })
  }

  @Test("search filters by provider, model, status, project and dates; no hit exits with 1")
  func filters() throws {
    let base = ["search", "--data-dir", tree.data, "--json", "--limit", "1000", "ledger"]
    let all = try json(try run(base))
    #expect(all.count > 10)
    let codex = try json(try run(base + ["--provider", "codex", "--model", "5.3", "--status", "finished"]))
    #expect(!codex.isEmpty && codex.allSatisfy { $0["agent"] == "codex" && $0["status"] == "finished" })
    let project = try json(try run(base + ["--project", "/srv/ledger/"]))
    #expect(!project.isEmpty && project.allSatisfy { $0["project"] == "/srv/ledger" })
    // A relative path is taken from the current directory.
    let relative = try json(try ProcessRun.run(ProcessRun.cawTUI, base + ["--project", "srv/./ledger"], environment: environment, cwd: "/", cacheHome: tree.cache))
    #expect(relative.count == project.count)
    let day = try json(try run(base + ["--since", "2026-11-19T00:00Z", "--until", "2026-11-19T23:59Z"]))
    #expect(!day.isEmpty && day.allSatisfy { $0["created_at"]?.stringValue?.hasPrefix("2026-11-19") == true })
    let none = try run(["search", "--data-dir", tree.data, "nosuchwordanywhere"])
    #expect(none.status == 1 && none.stdout == "0 hits\n")
    let bad = try run(["search", "--data-dir", tree.data, "--provider", "gemini", "x"])
    #expect(bad.status != 0 && bad.stderr.contains("unknown provider"))
    let onlyNot = try run(["search", "--data-dir", tree.data, "NOT", "x"])
    #expect(onlyNot.status != 0 && onlyNot.stderr.contains("NOT needs something to find"))
  }

  @Test("filters typed among the words (provider:codex, since:…) find what the options find; an option wins")
  func typedFilters() throws {
    let base = ["search", "--data-dir", tree.data, "--json", "--limit", "1000"]
    let options = try json(try run(base + ["ledger", "--provider", "codex", "--model", "5.3", "--status", "finished"]))
    let typed = try json(try run(base + ["provider:codex", "ledger", "model:5.3", "status:finished"]))
    #expect(!typed.isEmpty && typed == options)
    let project = try json(try run(base + ["ledger", "--project", "/srv/ledger"]))
    #expect(try json(try run(base + ["project:\"/srv/ledger\"", "ledger"])) == project)
    let day = try json(try run(base + ["ledger", "--since", "2026-11-19T00:00Z", "--until", "2026-11-19T23:59Z"]))
    #expect(try json(try run(base + ["ledger", "since:2026-11-19T00:00Z", "until:2026-11-19T23:59Z"])) == day)
    // The option wins over the typed filter of the same name.
    let model = try json(try run(base + ["ledger", "--model", "5.3"]))
    let overridden = try json(try run(base + ["model:nosuchmodel", "ledger", "--model", "5.3"]))
    #expect(!model.isEmpty && overridden == model)
    let bad = try run(base + ["status:sleeping", "ledger"])
    #expect(bad.status != 0 && bad.stderr.contains("status: expected one of"))
  }

  @Test("search text output never lets session text reach the terminal raw")
  func searchText() throws {
    let result = try run(["search", "--data-dir", tree.data, "hostilemarker"])
    #expect(result.status == 0)
    #expect(!result.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) })
    #expect(result.stdout.contains("␛]0;pwned␇") && result.stdout.contains("<U+202E>reversed"))
    #expect(result.stdout.contains("edge-hos  2026-11-19 08:00  codex  turn 0  text"))
  }
}
