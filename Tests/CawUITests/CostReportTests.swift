import CawCore
import Foundation
@testable import CawUI
import Testing

@Suite("The cost report's columns")
struct CostReportTests {
  private func summary(_ n: Int, agent: String, model: String, cost: Double) -> SessionSummary {
    var t = Trajectory(
      agent: agent, model: model, sessionID: "s\(n)", createdAt: "2026-11-22T05:00:00+00:00",
      completedAt: "2026-11-22T05:01:00+00:00")
    t.turns = [Turn(input: "hi")]
    t.usage = UsageStats(costUSD: .double(cost))
    return SessionSummary(
      LoadedSession(
        id: "s\(n)", path: "/x", trajectory: t, source: .trajectoryFile, status: .finished, brokenReason: nil,
        problems: [], eventLog: nil, lastModified: 0))
  }

  /// The cells of a row, without its bar, split at runs of two or more spaces.
  private func cells(_ row: String) -> [String] {
    row.filter { !"█▏▎▍▌▋▊▉".contains($0) }.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  @Test("a large cost and a four-digit count stay apart, in aligned columns")
  func groupColumnsTakeTheirWidthFromTheirContents() throws {
    let summaries =
      (0..<1050).map { summary($0, agent: "claude_code", model: "claude-sonnet-4-5", cost: 199.07 / 1050) }
      + (1050..<1500).map { summary($0, agent: "codex", model: "gpt-5.3-codex", cost: 0.004) }
    let rows = CostReport.build(
      session: nil, id: nil, totals: ListCostTotals(summaries), filtered: false, width: 60
    ).map(\.text)
    let claude = try #require(rows.first { $0.hasPrefix("    claude_code") })
    #expect(Array(cells(claude).prefix(3)) == ["claude_code", "$199.07", "1050"])
    let codex = try #require(rows.first { $0.hasPrefix("    codex") })
    #expect(Array(cells(codex).prefix(3)) == ["codex", "$1.80", "450"])
    // Costs end in one column and counts in another, in every section.
    let groupRows = rows.filter { $0.hasPrefix("    ") }
    try #require(groupRows.allSatisfy { cells($0).count == 3 }, "\(groupRows)")
    let ends = groupRows.map { row in
      let cost = cells(row)[1]
      return row.distance(from: row.startIndex, to: row.range(of: cost)!.upperBound)
    }
    #expect(Set(ends).count == 1, "\(groupRows)")
    let countEnds = groupRows.map { row in
      let count = cells(row)[2]
      return row.distance(from: row.startIndex, to: row.range(of: " " + count)!.upperBound)
    }
    #expect(Set(countEnds).count == 1, "\(groupRows)")
    #expect(rows.contains { $0.hasPrefix("  By provider") && $0.contains("COST") && $0.contains("SESSIONS") })
  }

  @Test("turn figures of any size keep a gap between them")
  func turnColumnsTakeTheirWidthFromTheirContents() throws {
    let big = UsageStats(
      inputTokens: 12_345_678, outputTokens: 2_345_678, cacheReadTokens: 98_765_432, cacheWriteTokens: 1_234_567,
      costUSD: .double(1234.5678))
    let t = Trajectory(
      agent: "claude_code", model: "m", sessionID: "s", turns: [Turn(input: "a", usage: big), Turn(input: "b")],
      usage: big)
    let rows = CostReport.build(session: t, id: "abcdef123", totals: ListCostTotals([]), filtered: false, width: 80)
      .map(\.text)
    let header = try #require(rows.first { $0.contains("TURN") })
    try #require(cells(header) == ["TURN", "IN", "OUT", "C.READ", "C.WRITE", "COST"], "\(header)")
    let first = rows[rows.firstIndex(of: header)! + 1]
    try #require(cells(first).count == 6, "\(first)")
    #expect(Array(cells(first).prefix(6)) == ["0", "12345.7k", "2345.7k", "98765.4k", "1234.6k", "$1234.5678"])
    // Each figure ends under the end of its heading.
    for name in ["IN", "OUT", "C.READ", "C.WRITE", "COST"] {
      let headingEnd = header.distance(from: header.startIndex, to: header.range(of: " " + name)!.upperBound)
      let index = ["IN", "OUT", "C.READ", "C.WRITE", "COST"].firstIndex(of: name)! + 1
      let value = cells(first)[index]
      let valueEnd = first.distance(from: first.startIndex, to: first.range(of: " " + value)!.upperBound)
      #expect(valueEnd == headingEnd, "\(name): \(header) / \(first)")
    }
  }

  @Test("d in the cost pane groups the list's cost by day, week and month, as `caw-tui cost` does")
  func periodCycles() throws {
    var app = try AppHarness.demo(Size(width: 160, height: 48))
    try app.press(.tab, .tab)
    #expect(app.state.focus == .cost)
    let summaries = Array(app.state.visibleSessions)
    for (period, expectedTitle) in [(CostGrouping.week, "By week"), (.month, "By month"), (.day, "By day")] {
      try app.press(.character("d"))
      #expect(app.state.costPeriod == period)
      #expect(app.text.contains(expectedTitle), "\(app.text)")
      // Each group is one of the CLI's groups for that period, with its cost and session count.
      let cli = CostBreakdown.groups(summaries, by: period)
      let shown = app.state.visibleCosts.byPeriod
      #expect(!shown.isEmpty)
      for group in shown {
        let match = try #require(cli.first { $0.key == group.name }, "\(group.name) not among \(cli.map(\.key))")
        #expect(abs(match.usage.cost - group.cost) < 1e-9 && match.sessions == group.count, "\(group.name)")
      }
      #expect(shown.map(\.name) == cli.map(\.key).reversed(), "newest first")
    }
  }
}
