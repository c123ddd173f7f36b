import CawCore

/// The cost of a list of sessions in total and by provider, by model and by day — computed once when the
/// list changes, not on every frame.
public struct ListCostTotals: Hashable, Sendable {
  /// One group's line: its name, summed cost and number of sessions.
  public struct Group: Hashable, Sendable {
    public var name: String
    public var cost: Double
    public var count: Int
  }

  /// Number of sessions.
  public var count = 0
  /// Their total cost (subagents included).
  public var total = 0.0
  /// By provider, most expensive first.
  public var byProvider: [Group] = []
  /// By model, most expensive first.
  public var byModel: [Group] = []
  /// By UTC day, newest first.
  public var byDay: [Group] = []

  /// Nothing.
  public init() {}

  /// The totals of `summaries`.
  public init(_ summaries: [SessionSummary]) {
    count = summaries.count
    var providers: [String: Group] = [:]
    var models: [String: Group] = [:]
    var days: [String: Group] = [:]
    func add(_ name: String, _ cost: Double, to groups: inout [String: Group]) {
      groups[name, default: Group(name: name, cost: 0, count: 0)].cost += cost
      groups[name, default: Group(name: name, cost: 0, count: 0)].count += 1
    }
    for summary in summaries {
      let cost = summary.totalUsage.cost
      total += cost
      add(summary.agent.isEmpty ? "?" : summary.agent, cost, to: &providers)
      add(summary.model.isEmpty ? "-" : summary.model, cost, to: &models)
      add(Self.day(summary.createdAt), cost, to: &days)
    }
    let byCost: (Group, Group) -> Bool = { $0.cost != $1.cost ? $0.cost > $1.cost : $0.name < $1.name }
    byProvider = providers.values.map(Self.sanitized).sorted(by: byCost)
    byModel = models.values.map(Self.sanitized).sorted(by: byCost)
    byDay = days.values.map(Self.sanitized).sorted { $0.name > $1.name }
  }

  /// The UTC day of a caw timestamp; caw writes UTC (`+00:00`), so its first ten characters are the day.
  static func day(_ timestamp: String) -> String {
    if timestamp.hasSuffix("+00:00") || timestamp.hasSuffix("Z") { return String(timestamp.prefix(10)) }
    return String(Format.minute(timestamp).prefix(10))
  }

  private static func sanitized(_ group: Group) -> Group {
    // Whole names (a hostile one still bounded); the pane fits them to its width.
    Group(name: TextSanitizer.singleLine(group.name, limit: 200), cost: group.cost, count: group.count)
  }
}
