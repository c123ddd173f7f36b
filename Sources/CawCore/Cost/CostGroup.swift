/// One line of a cost report: a group of sessions and what they used, subagents counted once.
public struct CostGroup: Equatable, Sendable {
  /// The group's key: `2026-11-20`, `2026-W47`, `2026-11`, a session id, a model or a provider.
  public var key: String
  /// The sessions in the group.
  public var sessions: Int
  /// Their tokens and cost, subagents included (each counted once).
  public var usage: UsageStats
  /// For a week, the date of its Monday; for a session, its start time; nil otherwise.
  public var start: String?
  /// For a session, its provider and model.
  public var agent: String?
  public var model: String?

  /// A group with nothing in it yet.
  public init(key: String, start: String? = nil, agent: String? = nil, model: String? = nil) {
    self.key = key
    self.sessions = 0
    self.usage = UsageStats(costUSD: .int(0))
    self.start = start
    self.agent = agent
    self.model = model
  }
}
