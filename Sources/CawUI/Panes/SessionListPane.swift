import CawCore

/// The session list: status, provider, model, start, turns, tool calls, errors, cost, first prompt.
enum SessionListPane {
  /// Draws the pane into `area`.
  static func render(_ state: AppState, focused: Bool, trailing: String = "", into grid: inout CellGrid, area: Rect) {
    let visible = state.visibleSessions
    var detail = "\(visible.count)/\(state.listingTotal ?? state.summaries.count) · sort \(state.query.sort.rawValue)"
    if state.listingTotal != nil { detail += " · reading the rest…" }
    if let provider = state.query.provider { detail += " · \(TextSanitizer.singleLine(provider))" }
    if let status = state.query.status { detail += " · \(status.rawValue)" }
    if !state.query.text.isEmpty { detail += " · /\(TextSanitizer.singleLine(state.query.text))" }
    PaneTitle.render(Pane.sessions.title, detail: detail, trailing: trailing, focused: focused, into: &grid, area: area)
    let body = area.splitTop(1).rest
    guard !body.isEmpty else { return }
    if visible.isEmpty {
      let text =
        !state.listed
        ? "Reading sessions…"
        : state.summaries.isEmpty
          ? "No sessions in this data directory yet." : "No session matches the filters (c clears them)."
      grid.put(text, column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    let columns = self.columns(width: body.width)
    // Only the rows on screen are built: a list of 10,000 sessions costs no more to draw than one of 40.
    let scroll = state.sessionScroll
    let window = min(scroll.offset, visible.count)..<min(scroll.offset + max(body.height - 1, 0), visible.count)
    let modelWidth = columns.count == 9 ? columns[2].width : 0
    let rows = visible[window].map { summary in
      let row = SessionRow(summary, now: state.now, recording: state.run(recording: summary.id) != nil)
      let cells = [
        Span(row.status.glyph, row.status.role), Span(row.provider), Span(ModelLabel.fit(row.model, width: modelWidth)),
        Span(row.started, .dim),
        Span(row.turns), Span(row.toolCalls), Span(row.toolErrors, summary.toolErrorCount > 0 ? .error : .dim),
        Span(row.cost, .cost), Span(row.firstPrompt, summary.status == .broken ? .error : .normal),
      ]
      return columns.count == cells.count ? cells : [cells[0], cells[3], cells[7], cells[8]]
    }
    var shown = ScrollState()
    shown.cursor = scroll.cursor - window.lowerBound
    TablePane(columns: columns, rows: rows, scroll: shown, focused: focused).render(into: &grid, area: body)
  }

  private static func columns(width: Int) -> [TableColumn] {
    if width >= 100 {
      return [
        TableColumn(title: "", width: 1), TableColumn(title: "PROVIDER", width: 11),
        TableColumn(title: "MODEL", width: 26),
        TableColumn(title: "STARTED", width: 10), TableColumn(title: "TURNS", width: 5, right: true),
        TableColumn(title: "TOOLS", width: 5, right: true), TableColumn(title: "ERRORS", width: 6, right: true),
        TableColumn(title: "COST", width: 8, right: true), TableColumn(title: "FIRST PROMPT", width: 0),
      ]
    }
    if width >= 64 {
      return [
        TableColumn(title: "", width: 1), TableColumn(title: "PROVIDER", width: 11),
        TableColumn(title: "MODEL", width: 14),
        TableColumn(title: "STARTED", width: 8), TableColumn(title: "TRN", width: 3, right: true),
        TableColumn(title: "TLS", width: 3, right: true), TableColumn(title: "ERR", width: 3, right: true),
        TableColumn(title: "COST", width: 7, right: true), TableColumn(title: "FIRST PROMPT", width: 0),
      ]
    }
    return [
      TableColumn(title: "", width: 1), TableColumn(title: "STARTED", width: 8),
      TableColumn(title: "COST", width: 7, right: true),
      TableColumn(title: "FIRST PROMPT", width: 0),
    ]
  }
}
