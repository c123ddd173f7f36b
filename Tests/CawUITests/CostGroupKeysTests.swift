import CawCore
import Foundation
import Testing

@testable import CawUI

/// The cost pane's totals of a filtered list, summed by each session's group keys, are the totals of
/// the visible summaries themselves, also after sessions are replaced in place.
@Suite struct CostGroupKeysTests {
  /// Sessions over three providers (one unnamed), four models (one unnamed) and 40 days, with costs
  /// that are not exact in binary.
  private static func summaries(_ count: Int, _ random: inout SplitMix64) -> [SessionSummary] {
    (0..<count).map { n in
      var s = SessionSummary(
        LoadedSession(
          id: "s\(n)", path: "/x", trajectory: nil, source: nil, status: .broken, brokenReason: nil, problems: [],
          eventLog: nil, lastModified: 0))
      s.agent = random.pick(["claude_code", "codex", ""])
      s.model = random.pick(["opus", "sonnet", "gpt-5", "", "bad\u{1b}[31mname"])
      let day = random.int(1...28)
      s.createdAt = String(format: "2026-%02d-%02dT%02d:30:00+00:00", random.int(10...11), day, random.int(0...23))
      s.totalUsage = UsageStats(costUSD: .double(Double(random.int(0...100_000)) / 7_000))
      return s
    }
  }

  /// The totals of `visible`, summed here in their order with dictionaries.
  private static func expected(_ visible: [SessionSummary], period: CostGrouping) -> ListCostTotals {
    var totals = ListCostTotals()
    totals.count = visible.count
    totals.period = period
    var groups: [[String: ListCostTotals.Group]] = [[:], [:], [:]]
    for s in visible {
      totals.total += s.totalUsage.cost
      let names = [
        s.agent.isEmpty ? "?" : s.agent, s.model.isEmpty ? "-" : s.model, ListCostTotals.periodKey(s.startTime, period),
      ]
      for (k, name) in names.enumerated() {
        groups[k][name, default: .init(name: name, cost: 0, count: 0)].cost += s.totalUsage.cost
        groups[k][name, default: .init(name: name, cost: 0, count: 0)].count += 1
      }
    }
    let shown = groups.map {
      $0.values.map {
        ListCostTotals.Group(name: TextSanitizer.singleLine($0.name, limit: 200), cost: $0.cost, count: $0.count)
      }
    }
    let byCost: (ListCostTotals.Group, ListCostTotals.Group) -> Bool = {
      $0.cost != $1.cost ? $0.cost > $1.cost : $0.name < $1.name
    }
    totals.byProvider = shown[0].sorted(by: byCost)
    totals.byModel = shown[1].sorted(by: byCost)
    totals.byPeriod = shown[2].sorted { $0.name > $1.name }
    return totals
  }

  @Test("a filtered, reordered list's totals are its summaries' totals, by day, week and month", arguments: [1, 2, 3])
  func keyedTotalsAreTheSummariesTotals(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var summaries = Self.summaries(600, &random)
    for period in [CostGrouping.day, .week, .month] {
      var keys = CostGroupKeys(summaries, startTimes: summaries.map(\.startTime), period: period, version: 0)
      for _ in 0..<5 {
        var order = summaries.indices.filter { _ in random.int(0...2) > 0 }
        for i in order.indices.dropLast() { order.swapAt(i, random.int(i...order.count - 1)) }
        #expect(ListCostTotals(keys, order: order) == Self.expected(order.map { summaries[$0] }, period: period))
      }
      // Sessions replaced in place: new costs, providers, models and days, one never seen before.
      for _ in 0..<40 {
        let index = random.int(0...summaries.count - 1)
        var s = Self.summaries(1, &random)[0]
        s.id = summaries[index].id
        if random.int(0...3) == 0 { s.model = "new-model" }
        summaries[index] = s
        keys.set(index, s, startTime: s.startTime)
      }
      let all = Array(summaries.indices.reversed())
      #expect(ListCostTotals(keys, order: all) == Self.expected(all.map { summaries[$0] }, period: period))
      #expect(ListCostTotals(keys, order: []) == Self.expected([], period: period))
    }
  }
}
