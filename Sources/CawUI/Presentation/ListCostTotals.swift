import CawCore
import Glibc

/// The cost of a list of sessions in total and by provider, by model and by day, week or month — computed
/// once when the list changes, not on every frame.
public struct ListCostTotals: Hashable, Sendable {
  /// One group's line: its name, summed cost and number of sessions.
  public struct Group: Hashable, Sendable {
    public var name: String
    public var cost: Double
    public var count: Int

    /// Counts one more session of `cost`.
    mutating func add(_ cost: Double) {
      self.cost += cost
      count += 1
    }
  }

  /// Number of sessions.
  public var count = 0
  /// Their total cost (subagents included).
  public var total = 0.0
  /// By provider, most expensive first.
  public var byProvider: [Group] = []
  /// By model, most expensive first.
  public var byModel: [Group] = []
  /// What `byPeriod` groups by: `.day`, `.week` or `.month`.
  public var period = CostGrouping.day
  /// By local day, ISO week or month (`TZ`, as `caw-tui cost` groups them), newest first.
  public var byPeriod: [Group] = []

  /// Nothing.
  public init() {}

  /// The totals of `summaries`, over time by `period` (`.day`, `.week` or `.month`).
  public init(_ summaries: [SessionSummary], period: CostGrouping = .day) {
    count = summaries.count
    self.period = period
    var providers: [String: Group] = [:]
    var models: [String: Group] = [:]
    var periods: [String: Group] = [:]
    func add(_ name: String, _ cost: Double, to groups: inout [String: Group]) {
      groups[name, default: Group(name: name, cost: 0, count: 0)].add(cost)  // one lookup, changed in place
    }
    // Named once per local day: a keystroke that filters 10,000 sessions formats a few hundred names.
    tzset()
    var names: [Int: String] = [:]
    // Each summary's fields read where it lies: copying 10,000 summaries (twenty strings each, retained
    // and released) took a third of a filter keystroke's totals.
    summaries.withUnsafeBufferPointer { summaries in
      for index in summaries.indices {
        let cost = summaries[index].totalUsage.cost
        total += cost
        add(summaries[index].agent.isEmpty ? "?" : summaries[index].agent, cost, to: &providers)
        add(summaries[index].model.isEmpty ? "-" : summaries[index].model, cost, to: &models)
        let time = summaries[index].startTime
        let date = LocalTime.date(time, readingZone: false)
        let day = date.year * 10_000 + date.month * 100 + date.day
        let name = names[day] ?? Self.periodKey(time, period)
        names[day] = name
        add(name, cost, to: &periods)
      }
    }
    let byCost: (Group, Group) -> Bool = { $0.cost != $1.cost ? $0.cost > $1.cost : $0.name < $1.name }
    byProvider = providers.values.map(Self.sanitized).sorted(by: byCost)
    byModel = models.values.map(Self.sanitized).sorted(by: byCost)
    byPeriod = periods.values.map(Self.sanitized).sorted { $0.name > $1.name }
  }

  /// The local day, week or month of a start time, named as `caw-tui cost` names it.
  static func periodKey(_ time: Double, _ period: CostGrouping) -> String {
    switch period {
    case .week: LocalTime.week(time).key
    case .month: LocalTime.month(time)
    default: LocalTime.day(time)
    }
  }

  private static func sanitized(_ group: Group) -> Group {
    // Whole names (a hostile one still bounded); the pane fits them to its width.
    Group(name: TextSanitizer.singleLine(group.name, limit: 200), cost: group.cost, count: group.count)
  }
}
