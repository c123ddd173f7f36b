/// A cost report: sessions grouped by day, week, month, session, model or provider, each group's tokens
/// and cost summed from the sessions' totals (the figures the list and `show` give, subagents counted
/// once), times in the local time zone (`TZ`).
public enum CostBreakdown {
  /// The groups of `summaries` (broken sessions, which record nothing, are left out): by time in time
  /// order, sessions in start order, models and providers most expensive first.
  public static func groups(_ summaries: [SessionSummary], by grouping: CostGrouping) -> [CostGroup] {
    var groups: [String: CostGroup] = [:]
    var order: [String: Double] = [:]
    for summary in summaries where summary.status != .broken {
      let time = summary.startTime
      let group: CostGroup
      switch grouping {
      case .day: group = CostGroup(key: LocalTime.day(time))
      case .week:
        let week = LocalTime.week(time)
        group = CostGroup(key: week.key, start: week.monday)
      case .month: group = CostGroup(key: LocalTime.month(time))
      case .session: group = CostGroup(key: summary.id, start: summary.createdAt, agent: summary.agent, model: summary.model)
      case .model: group = CostGroup(key: summary.model.isEmpty ? "-" : summary.model)
      case .provider: group = CostGroup(key: summary.agent.isEmpty ? "-" : summary.agent)
      }
      groups[group.key, default: group].sessions += 1
      groups[group.key, default: group].usage = groups[group.key, default: group].usage + summary.totalUsage
      order[group.key] = min(order[group.key] ?? .infinity, time)
    }
    let all = Array(groups.values)
    switch grouping {
    case .day, .week, .month: return all.sorted { $0.key < $1.key }
    case .session: return all.sorted { order[$0.key]! != order[$1.key]! ? order[$0.key]! < order[$1.key]! : $0.key < $1.key }
    case .model, .provider:
      return all.sorted { $0.usage.cost != $1.usage.cost ? $0.usage.cost > $1.usage.cost : $0.key < $1.key }
    }
  }
}
