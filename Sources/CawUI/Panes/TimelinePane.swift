import CawCore

/// A session's turns: index, input, blocks, tool calls, duration, tokens and cost per turn.
enum TimelinePane {
  /// Draws the timeline of the trajectory at `path` into `area`.
  static func render(
    _ state: AppState, path: TrajectoryPath?, scroll: ScrollState, focused: Bool, trailing: String = "",
    into grid: inout CellGrid, area: Rect
  ) {
    let body = area.splitTop(1).rest
    guard let path else {
      PaneTitle.render(Pane.timeline.title, detail: "", trailing: trailing, focused: focused, into: &grid, area: area)
      grid.put(
        "No session selected.", column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    let outline = path.steps.isEmpty && state.trajectories[path.sessionID] == nil ? state.outlines[path.sessionID] : nil
    guard let t = state.trajectory(at: path) ?? outline else {
      PaneTitle.render(
        Pane.timeline.title, detail: String(path.sessionID.prefix(8)), trailing: trailing, focused: focused,
        into: &grid, area: area)
      let summary = state.summary(path.sessionID)
      let reason = state.loadErrors[path.sessionID] ?? (summary?.status == .broken ? summary?.brokenReason : nil)
      var size = ""
      if let summary, path.steps.isEmpty {
        size = " \(summary.turnCount) turn\(summary.turnCount == 1 ? "" : "s"), \(summary.toolCallCount) tool calls"
      }
      let text = reason.map { "This session cannot be read: " + TextSanitizer.singleLine($0) } ?? "Loading\(size)…"
      for (n, line) in TextWrap.lines(text, width: body.width - 1).enumerated() {
        grid.put(
          line, column: body.x + 1, row: body.y + n, maxWidth: body.width - 1, role: reason == nil ? .dim : .error,
          clip: body)
      }
      return
    }
    let id = path.steps.isEmpty ? path.sessionID : "subagent " + TextSanitizer.singleLine(t.sessionID)
    var detail =
      "\(id.prefix(path.steps.isEmpty ? 8 : 17))\(outline == nil ? "" : " · reading its text…") · \(TextSanitizer.singleLine(t.agent)) · \(TextSanitizer.singleLine(t.model)) · "
      + "\(t.turns.count) turn\(t.turns.count == 1 ? "" : "s") · \(Format.cost(t.totalUsage.cost))"
    let problems = path.steps.isEmpty ? state.summary(path.sessionID)?.problems.count ?? 0 : 0
    if problems > 0 { detail += " · ! \(problems) file problem\(problems == 1 ? "" : "s") (o lists them)" }
    let failed = t.failedTurns.filter { $0 < t.turns.count }
    if !failed.isEmpty { detail += " · ! turn \(failed.map(String.init).joined(separator: ", ")) failed" }
    if RunningTotals.find(in: t) != nil { detail += " · ! usage: running totals (cost pane)" }
    if path.steps.isEmpty, let badge = LiveBadge.text(state, sessionID: path.sessionID) { detail += " · " + badge }
    PaneTitle.render(Pane.timeline.title, detail: detail, trailing: trailing, focused: focused, into: &grid, area: area)
    guard !t.turns.isEmpty else {
      grid.put("No turns yet.", column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    let wide = body.width >= 100
    let columns = [
      TableColumn(title: "#", width: 3, right: true), TableColumn(title: "INPUT", width: 0),
      TableColumn(title: wide ? "BLOCKS" : "BLK", width: wide ? 6 : 3, right: true),
      TableColumn(title: wide ? "TOOLS" : "TLS", width: wide ? 5 : 3, right: true),
      TableColumn(title: "TIME", width: wide ? 8 : 7, right: true),
      TableColumn(title: "IN", width: wide ? 7 : 6, right: true),
      TableColumn(title: "OUT", width: wide ? 7 : 6, right: true),
      TableColumn(title: wide ? "C.READ" : "CR", width: wide ? 7 : 6, right: true),
      TableColumn(title: wide ? "C.WRITE" : "CW", width: wide ? 7 : 6, right: true),
      TableColumn(title: "COST", width: wide ? 9 : 8, right: true),
    ]
    let failedTurns = Set(failed)
    let unpriced = Set(UnpricedTurns.indices(t))
    let rows = t.turns.enumerated().map { index, turn in
      let row = TurnRow(
        turn, index: index, inProgress: state.isInProgress(path, turn: index), costKnown: !unpriced.contains(index))
      let marker =
        row.inProgress
        ? Span("●" + row.index, .statusRunning) : failedTurns.contains(index) ? Span("!" + row.index, .error) : Span(row.index, .dim)
      return [
        marker, Span(row.input),
        Span(row.blocks), Span(row.toolCalls, row.toolErrors > 0 ? .error : .normal),
        Span(row.duration, row.inProgress ? .statusRunning : .normal), Span(row.tokensIn), Span(row.tokensOut),
        Span(row.cacheRead, .dim), Span(row.cacheWrite, .dim), Span(row.cost, .cost),
      ]
    }
    TablePane(columns: columns, rows: rows, scroll: scroll, focused: focused).render(into: &grid, area: body)
  }
}
