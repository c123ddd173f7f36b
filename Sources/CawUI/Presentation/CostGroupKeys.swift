import CawCore
import Glibc

/// Where each listed session falls in the cost pane's groups (its provider, model and day, week or
/// month), worked out once per list and period, so the totals of a filtered list are sums by index: a
/// filter keystroke on 10,000 sessions hashes no name and converts no time.
struct CostGroupKeys: Equatable, Sendable {
  /// The list version the keys were worked out for.
  var version: Int
  /// What the period groups are: days, weeks or months.
  let period: CostGrouping
  /// Each session's cost, subagents included.
  private(set) var costs: [Double] = []
  /// Each session's group in `providers`, `models` and `periods`.
  private(set) var provider: [Int] = []
  private(set) var model: [Int] = []
  private(set) var periodGroup: [Int] = []
  /// The groups' names (as listed: the pane sanitises them), in the order met.
  private(set) var providers = Names()
  private(set) var models = Names()
  private(set) var periods = Names()
  /// Each local day met (`yyyymmdd`) and its period group.
  private var days: [Int: Int] = [:]

  /// Group names and their places.
  struct Names: Equatable, Sendable {
    private(set) var names: [String] = []
    private var places: [String: Int] = [:]

    /// The place of `name`, added when new.
    mutating func place(_ name: String) -> Int {
      if let place = places[name] { return place }
      names.append(name)
      places[name] = names.count - 1
      return names.count - 1
    }
  }

  /// The keys of `summaries`, whose start times are `startTimes` (index for index).
  init(_ summaries: [SessionSummary], startTimes: [Double], period: CostGrouping, version: Int) {
    self.version = version
    self.period = period
    // Local days are read with the zone set once (`LocalTime.date(_:readingZone: false)`).
    tzset()
    costs.reserveCapacity(summaries.count)
    summaries.withUnsafeBufferPointer { summaries in
      for index in summaries.indices {
        costs.append(0)
        provider.append(0)
        model.append(0)
        periodGroup.append(0)
        set(index, summaries[index], startTime: startTimes[index])
      }
    }
  }

  /// Puts session `summary`, starting at `startTime`, at `index`.
  mutating func set(_ index: Int, _ summary: SessionSummary, startTime: Double) {
    costs[index] = summary.totalUsage.cost
    provider[index] = providers.place(summary.agent.isEmpty ? "?" : summary.agent)
    model[index] = models.place(summary.model.isEmpty ? "-" : summary.model)
    let date = LocalTime.date(startTime, readingZone: false)
    let day = date.year * 10_000 + date.month * 100 + date.day
    if let group = days[day] {
      periodGroup[index] = group
    } else {
      let group = periods.place(ListCostTotals.periodKey(startTime, period))
      days[day] = group
      periodGroup[index] = group
    }
  }
}
