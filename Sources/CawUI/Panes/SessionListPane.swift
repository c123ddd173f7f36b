import CawCore

/// The session list: status, provider, model, project, start, turns, tool calls, errors, cost, first prompt.
enum SessionListPane {
  /// What the pane draws, taken from the app's state.
  struct Model {
    /// The sessions shown, in order.
    var visible: VisibleSessions
    /// Sessions in the list, or in the listing still being read.
    var total: Int
    /// Whether the rest of a long listing is still being read.
    var readingTheRest: Bool
    /// Whether the listing has come at all.
    var listed: Bool
    /// Whether the data directory has no session.
    var empty: Bool
    /// The filters and sort.
    var query: SessionQuery
    /// Cursor and offset.
    var scroll: ScrollState
    /// The time ages are counted from.
    var now: Double
    /// Sessions a run is recording.
    var recording: Set<String>
    /// Whether the list holds sessions of the agents' own stores (a SOURCE column then says whose each is).
    var showsSource: Bool

    /// The list's part of `state`.
    init(_ state: AppState) {
      visible = state.visibleSessions
      total = state.listingTotal ?? state.summaries.count
      readingTheRest = state.listingTotal != nil
      listed = state.listed
      empty = state.summaries.isEmpty
      query = state.query
      scroll = state.sessionScroll
      now = state.now
      recording = Set(state.runs.map(\.sessionID))
      showsSource = state.listsNativeSessions
    }
  }

  /// Draws the pane into `area`.
  static func render(_ model: Model, focused: Bool, trailing: String = "", into grid: inout CellGrid, area: Rect) {
    let visible = model.visible
    var detail = "\(visible.count)/\(model.total) · sort \(model.query.sort.rawValue)"
    if model.readingTheRest { detail += " · reading the rest…" }
    if let provider = model.query.provider { detail += " · \(TextSanitizer.singleLine(provider))" }
    if let status = model.query.status { detail += " · \(status.rawValue)" }
    if !model.query.text.isEmpty {
      detail += " · /\(TextSanitizer.singleLine(model.query.text))"
      if let problem = FilterWords(model.query.text, now: model.now).problem {
        detail += problem.hasPrefix("source") ? " (\(problem))" : " (since:/until: want a date, today, 7d…)"
      }
    }
    PaneTitle.render(Pane.sessions.title, detail: detail, trailing: trailing, focused: focused, into: &grid, area: area)
    let body = area.splitTop(1).rest
    guard !body.isEmpty else { return }
    if visible.isEmpty {
      let text =
        !model.listed
        ? "Reading sessions…"
        : model.empty
          ? "No sessions in this data directory yet." : "No session matches the filters (c clears them)."
      grid.put(text, column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    var columns = self.columns(width: body.width)
    let s = model.showsSource && columns.count == 10 ? 1 : 0
    if s == 1 { columns.insert(TableColumn(title: "SOURCE", width: 8), at: 1) }
    // Only the rows on screen are built: a list of 10,000 sessions costs no more to draw than one of 40.
    let scroll = model.scroll
    let window = min(scroll.offset, visible.count)..<min(scroll.offset + max(body.height - 1, 0), visible.count)
    let full = columns.count == 10 + s
    let modelWidth = full ? columns[2 + s].width : 0
    let projectWidth = full ? columns[3 + s].width : 0
    // Where the provider's column is narrow, Claude Code is `claude`, as its CLI is called.
    let narrowProvider = full && columns[1 + s].width < 11
    let rows = visible[window].map { summary in
      let row = SessionRow(summary, now: model.now, recording: model.recording.contains(summary.id))
      // caw's own sessions, `caw+` when the agent's record of it was found too; the stores by name.
      let source =
        summary.origin == .caw
        ? Span(summary.nativePath == nil ? "caw" : "caw+", .dim) : Span(summary.origin.rawValue, .toolName)
      let cells = [
        Span(row.status.glyph, row.status.role)] + (s == 1 ? [source] : []) + [
        Span(narrowProvider && row.provider == "claude_code" ? "claude" : row.provider),
        Span(ModelLabel.fit(row.model, width: modelWidth)),
        Span(Truncate.fit(row.project, projectWidth), summary.project.isEmpty ? .dim : .normal), Span(row.started, .dim),
        Span(row.turns), Span(row.toolCalls), Span(row.toolErrors, summary.toolErrorCount > 0 ? .error : .dim),
        Span(row.cost, .cost), Span(row.firstPrompt, summary.status == .broken ? .error : .normal),
      ]
      return columns.count == cells.count ? cells : [cells[0], cells[4 + s], cells[8 + s], cells[9 + s]]
    }
    var shown = ScrollState()
    shown.cursor = scroll.cursor - window.lowerBound
    TablePane(columns: columns, rows: rows, scroll: shown, focused: focused).render(into: &grid, area: body)
  }

  private static func columns(width: Int) -> [TableColumn] {
    if width >= 100 {
      // The model and the project take what the first prompt can spare: at 100 columns it keeps 21.
      let wide = width >= 120
      return [
        TableColumn(title: "", width: 1), TableColumn(title: "PROVIDER", width: 11),
        TableColumn(title: "MODEL", width: wide ? 26 : 16), TableColumn(title: "PROJECT", width: wide ? 14 : 8),
        TableColumn(title: "STARTED", width: 10), TableColumn(title: "TURNS", width: 5, right: true),
        TableColumn(title: "TOOLS", width: 5, right: true), TableColumn(title: "ERRORS", width: 6, right: true),
        TableColumn(title: "COST", width: 8, right: true), TableColumn(title: "FIRST PROMPT", width: 0),
      ]
    }
    if width >= 64 {
      return [
        TableColumn(title: "", width: 1), TableColumn(title: "AGENT", width: 8),
        TableColumn(title: "MODEL", width: 14), TableColumn(title: "PROJECT", width: 9),
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
