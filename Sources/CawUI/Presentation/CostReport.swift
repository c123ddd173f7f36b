import CawCore

/// The cost pane's content: one session's tokens and cost per turn, and the whole list's cost by
/// provider, model and day.
public enum CostReport {
  /// The rows for `trajectory` (nil when no session is loaded) followed by the list's `totals`.
  public static func build(
    session trajectory: Trajectory?, id: String?, totals: ListCostTotals, filtered: Bool, width: Int
  ) -> [DocumentLine] {
    var doc = DocumentBuilder(width: width)
    if let trajectory, let id {
      sessionRows(trajectory, id: id, width: width, into: &doc)
      doc.blank()
    }
    listRows(totals, filtered: filtered, width: width, into: &doc)
    return doc.lines
  }

  private static func sessionRows(_ t: Trajectory, id: String, width: Int, into doc: inout DocumentBuilder) {
    let total = t.totalUsage
    let unpriced = Set(UnpricedTurns.indices(t))
    doc.row([
      Span("Session \(TextSanitizer.singleLine(String(id.prefix(8))))", .header),
      Span("  \(TextSanitizer.singleLine(t.agent)) · \(TextSanitizer.singleLine(t.model))", .dim),
    ])
    doc.row([
      Span("  total "),
      Span(unpriced.isEmpty ? Format.preciseCost(total.cost) : Format.cost(total.cost, unpricedTurns: unpriced.count, turns: t.turns.count), .cost),
      Span("  own "), Span(Format.preciseCost(t.usage.cost), .cost),
      Span("  subagents "), Span(Format.preciseCost(total.cost - t.usage.cost), .cost),
    ])
    doc.row([
      Span(
        "  in \(Format.tokens(total.inputTokens))  out \(Format.tokens(total.outputTokens))  "
          + "cache read \(Format.tokens(total.cacheReadTokens))  cache write \(Format.tokens(total.cacheWriteTokens))")
    ])
    if let finding = RunningTotals.find(in: t) { doc.text("! " + finding.note, role: .error) }
    doc.row([Span("  TURN      IN     OUT  C.READ C.WRITE      COST", .header)])
    let maxCost = t.turns.map(\.usage.cost).max() ?? 0
    let barWidth = max(width - 48, 0)
    for (i, turn) in t.turns.enumerated() {
      let u = turn.usage
      let cells = [
        pad(String(i), 6), pad(Format.tokens(u.inputTokens), 8), pad(Format.tokens(u.outputTokens), 8),
        pad(Format.tokens(u.cacheReadTokens), 8), pad(Format.tokens(u.cacheWriteTokens), 8),
      ].joined()
      doc.row([
        Span(cells), Span(pad(unpriced.contains(i) ? "unknown" : Format.preciseCost(u.cost), 10), .cost),
        Span(" " + bar(u.cost, max: maxCost, width: barWidth), .bar),
      ])
    }
  }

  private static func listRows(_ totals: ListCostTotals, filtered: Bool, width: Int, into doc: inout DocumentBuilder) {
    doc.row([
      Span("\(filtered ? "Filtered" : "All") sessions: \(totals.count)", .header), Span("  total "),
      Span(Format.cost(totals.total), .cost),
    ])
    for (title, costs) in [("By provider", totals.byProvider), ("By model", totals.byModel), ("By day", totals.byDay)] {
      doc.row([Span("  " + title, .header)])
      let maxCost = costs.map(\.cost).max() ?? 0
      let nameWidth = min(costs.map { DisplayWidth.of($0.name) }.max() ?? 0, 24)
      for group in costs {
        doc.row([
          Span("    " + group.name + String(repeating: " ", count: max(nameWidth - DisplayWidth.of(group.name), 0))),
          Span(pad(Format.cost(group.cost), 9), .cost), Span(pad("\(group.count)", 4), .dim),
          Span(" " + bar(group.cost, max: maxCost, width: max(width - nameWidth - 19, 0)), .bar),
        ])
      }
    }
  }

  /// A bar of `width` cells at most, in eighths of a cell.
  static func bar(_ value: Double, max maxValue: Double, width: Int) -> String {
    guard maxValue > 0, width > 0, value > 0 else { return "" }
    let eighths = Int((value / maxValue * Double(width * 8)).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
    return String(repeating: "█", count: eighths / 8) + partial
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(width - text.count, 0)) + text
  }
}
