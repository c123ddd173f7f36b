import OrderedCollections

/// Usage that a CLI reports as running totals of the conversation instead of the turn's own: `claude
/// --resume` gives the session's cost so far in `total_cost_usd`, `codex exec resume` the thread's tokens
/// so far in `turn.completed`. caw-tui records each turn's own figures (the difference); Python caw records
/// the totals, so a session it recorded adds earlier turns in again. This finds that pattern.
public enum RunningTotals {
  /// The metadata key under which caw-tui keeps the codex thread's totals as last reported, so a turn in
  /// a later process can subtract them.
  public static let codexMetadataKey = "codex_usage_totals"

  /// What a session's turns look like.
  public enum Finding: Sendable, Equatable {
    /// Token counts that only grow from turn to turn (codex's running totals).
    case tokens
    /// Costs that grow faster than the turns' own tokens explain (claude's running cost).
    case cost

    /// A sentence for `show` and the TUI.
    public var note: String {
      switch self {
      case .tokens:
        return "turn token counts only grow, as codex's running totals do (Python caw records those): "
          + "later turns include the earlier ones, so the session total counts them again"
      case .cost:
        return "turn costs grow faster than their tokens, as claude's running totals do (Python caw records those): "
          + "later turns include the earlier ones' cost, so the session total counts it again"
      }
    }
  }

  /// The running-total pattern in `trajectory`'s turns, nil when it has none. Turns caw-tui recorded (from
  /// `since_turn` in ``codexMetadataKey``) hold their own usage and are not looked at.
  public static func find(in trajectory: Trajectory) -> Finding? {
    var usages = trajectory.turns.map(\.usage)
    if let stored = trajectory.metadata[codexMetadataKey]?.objectValue {
      usages = Array(usages.prefix(max(stored["since_turn"]?.numberValue?.intValue ?? 0, 0)))
    }
    guard usages.count >= 2 else { return nil }
    switch trajectory.agent {
    case Provider.codex.rawValue: return growingTokens(usages) ? .tokens : nil
    case Provider.claudeCode.rawValue: return growingCost(usages) ? .cost : nil
    default: return nil
    }
  }

  /// Every count of every turn at least the previous turn's, and the output strictly more.
  static func growingTokens(_ usages: [UsageStats]) -> Bool {
    zip(usages, usages.dropFirst()).allSatisfy { before, after in
      after.inputTokens >= before.inputTokens && after.cacheReadTokens >= before.cacheReadTokens
        && after.outputTokens > before.outputTokens
    }
  }

  /// Costs that never fall while the cost per token (Anthropic's relative prices: output 5x input, cache
  /// reads 0.1x, cache writes 1.25x; the same for every Claude model) keeps rising, to at least 1.3 times
  /// the first turn's. A turn's own cost keeps that ratio constant.
  static func growingCost(_ usages: [UsageStats]) -> Bool {
    let weight = ClaudeStreamParser.priceWeight
    let ratios = usages.map { weight($0) > 0 ? $0.cost / weight($0) : 0 }
    guard let first = ratios.first, first > 0, let last = ratios.last, last >= 1.3 * first else { return false }
    return zip(usages, usages.dropFirst()).allSatisfy { $1.cost >= $0.cost }
      && zip(ratios, ratios.dropFirst()).allSatisfy { $1 > $0 }
  }

  /// `reported` minus `before`, field by field, when the report contains it (a running total); the
  /// report itself when any count went down (a new thread, or a total that was reset).
  public static func own(_ reported: UsageStats, after before: UsageStats) -> UsageStats {
    guard reported.inputTokens >= before.inputTokens, reported.outputTokens >= before.outputTokens,
      reported.cacheReadTokens >= before.cacheReadTokens, reported.cacheWriteTokens >= before.cacheWriteTokens
    else { return reported }
    return UsageStats(
      inputTokens: reported.inputTokens - before.inputTokens, outputTokens: reported.outputTokens - before.outputTokens,
      cacheReadTokens: reported.cacheReadTokens - before.cacheReadTokens,
      cacheWriteTokens: reported.cacheWriteTokens - before.cacheWriteTokens)
  }

  /// The codex thread's totals before the next turn: what caw-tui stored, else (a session Python caw
  /// recorded, whose last turn holds the running totals) the last turn's figures, else the turns' sum.
  public static func codexTotals(before trajectory: Trajectory) -> UsageStats {
    if let stored = trajectory.metadata[codexMetadataKey]?.objectValue {
      func count(_ key: String) -> Int { stored[key]?.numberValue?.intValue ?? 0 }
      return UsageStats(
        inputTokens: count("input_tokens"), outputTokens: count("output_tokens"),
        cacheReadTokens: count("cache_read_tokens"))
    }
    if find(in: trajectory) == .tokens, let last = trajectory.turns.last?.usage {
      return UsageStats(inputTokens: last.inputTokens, outputTokens: last.outputTokens, cacheReadTokens: last.cacheReadTokens)
    }
    let sum = trajectory.turns.map(\.usage).reduce(UsageStats(), +)
    return UsageStats(inputTokens: sum.inputTokens, outputTokens: sum.outputTokens, cacheReadTokens: sum.cacheReadTokens)
  }

  /// The metadata value recording the codex thread's totals as last reported, and the first turn caw-tui
  /// recorded with its own usage (turns before it may hold Python caw's running totals).
  public static func codexMetadata(_ totals: UsageStats, sinceTurn: Int) -> JSONValue {
    .object([
      "input_tokens": .number(.int(totals.inputTokens)), "output_tokens": .number(.int(totals.outputTokens)),
      "cache_read_tokens": .number(.int(totals.cacheReadTokens)), "since_turn": .number(.int(sinceTurn)),
    ])
  }
}
