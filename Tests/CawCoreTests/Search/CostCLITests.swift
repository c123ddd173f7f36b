import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui cost` as users run it, against `list` and `show`.
@Suite("cost on the command line")
struct CostCLITests {
  private let tree: SearchTestTree
  init() throws {
    tree = try SearchTestTree(sessions: 12, largeMB: 0)
  }

  private func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: ProcessInfo.processInfo.environment.merging(extra) { $1 }, cacheHome: tree.cache)
  }

  private func json(_ result: ProcessResult) throws -> [JSONValue] {
    try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue, "not a JSON array: \(result.stdout.prefix(200)) \(result.stderr)")
  }

  @Test("cost: totals per session agree with list and show on every session, subagents counted once")
  func costAgrees() throws {
    let costs = try json(try run(["cost", "--data-dir", tree.data, "--by", "session", "--json"]))
    let list = try json(try run(["list", "--data-dir", tree.data, "--json"]))
    let listed = list.filter { $0["status"] != "broken" }
    #expect(costs.count == listed.count && costs.count > 15)
    for row in listed {
      let id = try #require(row["id"]?.stringValue)
      let cost = try #require(costs.first { $0["key"]?.stringValue == id }, "\(id) missing from cost --by session")
      let show = try JSONParser.parse(Array(try run(["show", "--data-dir", tree.data, "--json", id]).stdout.utf8))
      #expect(cost["cost_usd"] == row["cost_usd"] && cost["cost_usd"] == show["cost_usd"], "\(id)")
      let usage = try #require(show["total_usage"]?.objectValue)
      for key in ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"] {
        #expect(cost[key] == usage[key], "\(id) \(key)")
      }
      #expect(cost["sessions"]?.numberValue?.intValue == 1)
    }
    // Every other grouping has the same sessions and the same total.
    let total = listed.reduce(0.0) { $0 + ($1["cost_usd"]?.numberValue?.doubleValue ?? 0) }
    for grouping in ["day", "week", "month", "model", "provider"] {
      let groups = try json(try run(["cost", "--data-dir", tree.data, "--by", grouping, "--json"]))
      #expect(groups.reduce(0) { $0 + ($1["sessions"]?.numberValue?.intValue ?? 0) } == listed.count, "\(grouping)")
      let sum = groups.reduce(0.0) { $0 + ($1["cost_usd"]?.numberValue?.doubleValue ?? 0) }
      #expect(abs(sum - total) < 1e-9, "\(grouping): \(sum) vs \(total)")
    }
  }

  @Test("cost by day follows TZ; --since/--until pick sessions by local day, in cost and list")
  func costDays() throws {
    let list = try json(try run(["list", "--data-dir", tree.data, "--json"])).filter { $0["status"] != "broken" }
    for (zone, offset) in [("UTC", 0.0), ("Asia/Tokyo", 9 * 3600.0), ("America/Los_Angeles", -8 * 3600.0)] {
      let days = try json(try run(["cost", "--data-dir", tree.data, "--by", "day", "--json"], ["TZ": zone]))
      var expected: [String: Int] = [:]
      for row in list {
        let time = Timestamp.parse(row["created_at"]?.stringValue ?? "")! + offset
        expected[String(ISOTime.string(secondsSince1970: time).prefix(10)), default: 0] += 1
      }
      let found = Dictionary(uniqueKeysWithValues: days.map { ($0["key"]!.stringValue!, $0["sessions"]!.numberValue!.intValue!) })
      #expect(found == expected, "\(zone)")
      #expect(days.map { $0["key"]!.stringValue! } == days.map { $0["key"]!.stringValue! }.sorted())
    }
    let tokyo = ["TZ": "Asia/Tokyo"]
    let day = try json(try run(["cost", "--data-dir", tree.data, "--by", "session", "--json", "--since", "2026-11-19", "--until", "2026-11-19"], tokyo))
    let listed = try json(try run(["list", "--data-dir", tree.data, "--json", "--since", "2026-11-19", "--until", "2026-11-19"], tokyo))
    #expect(Set(day.compactMap { $0["key"]?.stringValue }) == Set(listed.compactMap { $0["id"]?.stringValue }))
    #expect(listed.count == list.filter { row in
      let time = Timestamp.parse(row["created_at"]?.stringValue ?? "")! + 9 * 3600
      return ISOTime.string(secondsSince1970: time).hasPrefix("2026-11-19")
    }.count && !listed.isEmpty)
    let text = try run(["cost", "--data-dir", tree.data, "--by", "week"])
    #expect(text.status == 0 && text.stdout.hasPrefix("WEEK") && text.stdout.contains("\ntotal "))
    let bad = try run(["cost", "--data-dir", tree.data, "--by", "year"])
    #expect(bad.status != 0 && bad.stderr.contains("--by: expected one of day, week, month, session, model, provider"))
  }
}
