/// Token counts and cost of a turn or a trajectory, as caw's `UsageStats`.
public struct UsageStats: Sendable, Equatable {
  /// Prompt tokens not read from cache.
  public var inputTokens: Int
  /// Generated tokens (opencode adds reasoning tokens here).
  public var outputTokens: Int
  /// Prompt tokens read from the provider's cache.
  public var cacheReadTokens: Int
  /// Prompt tokens written to the provider's cache.
  public var cacheWriteTokens: Int
  /// Cost in US dollars, kept as int or float exactly as the source had it (claude may report `0`).
  public var costUSD: JSONNumber

  /// Creates usage figures; all zero with a float cost by default, as caw's defaults.
  public init(
    inputTokens: Int = 0, outputTokens: Int = 0, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0,
    costUSD: JSONNumber = .double(0)
  ) {
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
    self.costUSD = costUSD
  }

  /// Cost as a `Double`.
  public var cost: Double { costUSD.doubleValue }

  /// Input plus output tokens (caw's `total_tokens`; never written to files).
  public var totalTokens: Int { inputTokens &+ outputTokens }

  /// Field-wise sum with Python's number semantics for the cost.
  public static func + (lhs: UsageStats, rhs: UsageStats) -> UsageStats {
    UsageStats(
      inputTokens: lhs.inputTokens &+ rhs.inputTokens,
      outputTokens: lhs.outputTokens &+ rhs.outputTokens,
      cacheReadTokens: lhs.cacheReadTokens &+ rhs.cacheReadTokens,
      cacheWriteTokens: lhs.cacheWriteTokens &+ rhs.cacheWriteTokens,
      costUSD: lhs.costUSD + rhs.costUSD)
  }
}
