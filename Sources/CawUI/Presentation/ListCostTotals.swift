import CawCore

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
    let keys = CostGroupKeys(summaries, startTimes: summaries.map(\.startTime), period: period, version: 0)
    self.init(keys, order: Array(summaries.indices))
  }

  /// The totals of the sessions at `order` (in that order: a float sum depends on it), from their keys.
  init(_ keys: CostGroupKeys, order: [Int]) {
    count = order.count
    period = keys.period
    func group(_ names: CostGroupKeys.Names) -> [Group] { names.names.map { Group(name: $0, cost: 0, count: 0) } }
    var providers = group(keys.providers)
    var models = group(keys.models)
    var periods = group(keys.periods)
    for index in order {
      let cost = keys.costs[index]
      total += cost
      providers[keys.provider[index]].add(cost)
      models[keys.model[index]].add(cost)
      periods[keys.periodGroup[index]].add(cost)
    }
    // Only groups a visible session is in; a sanitised name may be shared, a listed one is not.
    func shown(_ groups: [Group]) -> [Group] { groups.filter { $0.count > 0 }.map(Self.sanitized) }
    let byCost: (Group, Group) -> Bool = { $0.cost != $1.cost ? $0.cost > $1.cost : $0.name < $1.name }
    byProvider = shown(providers).sorted(by: byCost)
    byModel = shown(models).sorted(by: byCost)
    byPeriod = shown(periods).sorted { $0.name > $1.name }
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
