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
      Span(
        unpriced.isEmpty
          ? Format.preciseCost(total.cost)
          : Format.cost(total.cost, unpricedTurns: unpriced.count, turns: t.turns.count), .cost),
      Span("  own "), Span(Format.preciseCost(t.usage.cost), .cost),
      Span("  subagents "), Span(Format.preciseCost(total.cost - t.usage.cost), .cost),
    ])
    doc.row([
      Span(
        "  in \(Format.tokens(total.inputTokens))  out \(Format.tokens(total.outputTokens))  "
          + "cache read \(Format.tokens(total.cacheReadTokens))  cache write \(Format.tokens(total.cacheWriteTokens))")
    ])
    if let finding = RunningTotals.find(in: t) { doc.text("! " + finding.note, role: .error) }
    let headings = ["TURN", "IN", "OUT", "C.READ", "C.WRITE", "COST"]
    let figures = t.turns.enumerated().map { i, turn in
      let u = turn.usage
      return [
        String(i), Format.tokens(u.inputTokens), Format.tokens(u.outputTokens), Format.tokens(u.cacheReadTokens),
        Format.tokens(u.cacheWriteTokens), unpriced.contains(i) ? "unknown" : Format.preciseCost(u.cost),
      ]
    }
    let widths = columnWidths([headings] + figures)
    doc.row([Span("  " + aligned(headings, widths), .header)])
    let maxCost = t.turns.map(\.usage.cost).max() ?? 0
    let barWidth = max(width - 2 - DisplayWidth.of(aligned(headings, widths)) - 1, 0)
    for (i, cells) in figures.enumerated() {
      doc.row([
        Span("  " + aligned(Array(cells.dropLast()), widths)),
        Span(gap + padLeft(cells[cells.count - 1], widths[cells.count - 1]), .cost),
        Span(" " + bar(t.turns[i].usage.cost, max: maxCost, width: barWidth), .bar),
      ])
    }
  }

  private static func listRows(_ totals: ListCostTotals, filtered: Bool, width: Int, into doc: inout DocumentBuilder) {
    doc.row([
      Span("\(filtered ? "Filtered" : "All") sessions: \(totals.count)", .header), Span("  total "),
      Span(Format.cost(totals.total), .cost),
    ])
    let sections = [
      ("By provider", totals.byProvider), ("By model", totals.byModel),
      ("By \(totals.period.rawValue)", totals.byPeriod),
    ]
    let headings = ["COST", "SESSIONS"]
    // Names take what they need up to half the pane (at least 24 cells); longer ones are shortened, a
    // model's by ``ModelLabel`` so what tells models apart stays.
    let nameWidth = min(
      sections.flatMap { title, groups in
        [DisplayWidth.of("  " + title)] + groups.map { DisplayWidth.of("    " + $0.name) }
      }.max() ?? 0, max(width / 2, 24))
    let widths = columnWidths([headings] + sections.flatMap { $0.1.map { [Format.cost($0.cost), "\($0.count)"] } })
    let barWidth = max(width - nameWidth - DisplayWidth.of(gap + aligned(headings, widths)) - 1, 0)
    for (title, groups) in sections {
      doc.row([Span(padRight("  " + title, nameWidth) + gap + aligned(headings, widths), .header)])
      let maxCost = groups.map(\.cost).max() ?? 0
      for group in groups {
        let name =
          title == "By model"
          ? ModelLabel.fit(group.name, width: nameWidth - 4) : Truncate.fit(group.name, nameWidth - 4)
        doc.row([
          Span(padRight("    " + name, nameWidth)),
          Span(gap + padLeft(Format.cost(group.cost), widths[0]), .cost),
          Span(gap + padLeft("\(group.count)", widths[1]), .dim),
          Span(" " + bar(group.cost, max: maxCost, width: barWidth), .bar),
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

  /// The space between two columns.
  private static let gap = "  "

  /// Each column's width: its widest cell.
  private static func columnWidths(_ rows: [[String]]) -> [Int] {
    var widths: [Int] = []
    for row in rows {
      for (i, cell) in row.enumerated() {
        if i == widths.count { widths.append(0) }
        widths[i] = max(widths[i], DisplayWidth.of(cell))
      }
    }
    return widths
  }

  /// `cells` right-aligned in columns of `widths`, a gap between them.
  private static func aligned(_ cells: [String], _ widths: [Int]) -> String {
    zip(cells, widths).map { padLeft($0, $1) }.joined(separator: gap)
  }

  private static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(width - DisplayWidth.of(text), 0)) + text
  }

  private static func padRight(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(width - DisplayWidth.of(text), 0))
  }
}
