import ArgumentParser
import CawCore
import Foundation
import OrderedCollections

/// `caw-tui cost --by day|week|month|session|model|provider`: tokens and cost per group of sessions.
struct CostCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Tokens and cost by day, week, month, session, model or provider (subagents counted once).",
    discussion: """
      Days, weeks (ISO, Monday to Sunday) and months are in the local time zone ($TZ). A session counts \
      where it started, with everything it used, subagents included, as the list and show count it; a \
      session's subagents count under its model and provider.
      """)

  @OptionGroup var data: DataOptions

  @Option(name: .long, help: "Group by day, week, month, session, model or provider.")
  var by: String = CostGrouping.day.rawValue

  @OptionGroup var dates: DateRangeOptions

  @Flag(name: .long, help: "Print a JSON array, one object per group.")
  var json = false

  @Flag(name: .long, help: "Read every session instead of using the summaries cached in $XDG_CACHE_HOME/caw-tui.")
  var noCache = false

  func run() throws {
    guard let grouping = CostGrouping(rawValue: by) else {
      throw ValidationError("--by: expected one of \(CostGrouping.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let range = try dates.range()
    let summaries = try data.listSessions(noCache: noCache).filter { range.contains($0.startTime) }
    let groups = CostBreakdown.groups(summaries, by: grouping)
    if json {
      print(PythonJSONWriter.string(.array(groups.map(Self.value)), style: .indented))
      return
    }
    print(Self.table(groups, grouping), terminator: "")
  }

  /// One group as JSON: key, sessions, tokens, cost.
  static func value(_ group: CostGroup) -> JSONValue {
    var o: JSONObject = [
      "key": .string(group.key),
      "sessions": .number(.int(group.sessions)),
      "input_tokens": .number(.int(group.usage.inputTokens)),
      "output_tokens": .number(.int(group.usage.outputTokens)),
      "cache_read_tokens": .number(.int(group.usage.cacheReadTokens)),
      "cache_write_tokens": .number(.int(group.usage.cacheWriteTokens)),
      "cost_usd": .number(group.usage.costUSD),
    ]
    if let start = group.start { o["start"] = .string(start) }
    if let agent = group.agent { o["agent"] = .string(agent) }
    if let model = group.model { o["model"] = .string(model) }
    return .object(o)
  }

  private static func table(_ groups: [CostGroup], _ grouping: CostGrouping) -> String {
    guard !groups.isEmpty else { return "No sessions.\n" }
    var table = TextTable(columns: [
      .init(grouping.rawValue.uppercased()), .init("SESSIONS", right: true), .init("INPUT", right: true),
      .init("OUTPUT", right: true), .init("CACHE READ", right: true), .init("CACHE WRITE", right: true), .init("COST", right: true),
    ])
    var total = CostGroup(key: "total")
    for group in groups {
      let key = grouping == .session ? String(group.key.prefix(8)) : TextSanitizer.singleLine(group.key, limit: 40)
      table.add(row(key, group))
      total.sessions += group.sessions
      total.usage = total.usage + group.usage
    }
    table.add(row("total", total))
    return table.render()
  }

  private static func row(_ key: String, _ group: CostGroup) -> [String] {
    let u = group.usage
    return [
      key, String(group.sessions), Format.tokens(u.inputTokens), Format.tokens(u.outputTokens), Format.tokens(u.cacheReadTokens),
      Format.tokens(u.cacheWriteTokens), Format.cost(u.cost),
    ]
  }
}
