import CawCore

/// A session's turns: index, input, blocks, tool calls, duration, tokens and cost per turn.
enum TimelinePane {
  /// The rows built last: every turn's row is formatted (for the column widths), not only those shown.
  private static let rowMemo = Memo<TimelineKey, [[Span]]>(capacity: 2)

  /// What the pane draws, taken from the app's state.
  struct Model {
    /// The trajectory shown: a session's, or a subagent's within it; nil when none is selected.
    var path: TrajectoryPath?
    /// Its trajectory, or the session's outline while its text is read; nil while neither is there.
    var trajectory: Trajectory?
    /// Whether `trajectory` is only the outline.
    var isOutline: Bool
    /// Why the session cannot be read, when it cannot.
    var unreadable: String?
    /// The session's size from its summary (`12 turns, 30 tool calls`), said while it loads.
    var size: String
    /// Problems found in the session's files.
    var fileProblems: Int
    /// `● running …` while the session is being recorded.
    var liveBadge: String?
    /// What the agent's own record adds to the session, said in the title.
    var additions: String?
    /// ``AppState/trajectoriesVersion``, which the rows are memoised by.
    var version: Int
    /// The turns shown as in progress (at most the last).
    var inProgress: Set<Int>

    /// The pane's part of `state`, for the trajectory at `path`.
    init(_ state: AppState, path: TrajectoryPath?) {
      self.path = path
      version = state.trajectoriesVersion
      size = ""
      guard let path else {
        trajectory = nil
        isOutline = false
        fileProblems = 0
        inProgress = []
        return
      }
      let summary = state.summary(path.sessionID)
      let outline = path.steps.isEmpty && state.trajectories[path.sessionID] == nil ? state.outlines[path.sessionID] : nil
      trajectory = state.trajectory(at: path) ?? outline
      isOutline = outline != nil
      unreadable = state.loadErrors[path.sessionID] ?? (summary?.status == .broken ? summary?.brokenReason : nil)
      if let summary, path.steps.isEmpty {
        size = " \(summary.turnCount) turn\(summary.turnCount == 1 ? "" : "s"), \(summary.toolCallCount) tool calls"
      }
      fileProblems = path.steps.isEmpty ? summary?.problems.count ?? 0 : 0
      liveBadge = path.steps.isEmpty ? LiveBadge.text(state, sessionID: path.sessionID) : nil
      additions = path.steps.isEmpty ? state.nativeAdditions[path.sessionID]?.title : nil
      // Only a trajectory's last turn, or the one the summary counts last, can be in progress.
      let candidates = [trajectory.map { $0.turns.count - 1 }, summary.map { $0.turnCount - 1 }].compactMap { $0 }
      inProgress = Set(candidates.filter { $0 >= 0 && state.isInProgress(path, turn: $0) })
    }
  }

  /// Draws the timeline of `model` into `area`.
  static func render(
    _ model: Model, scroll: ScrollState, focused: Bool, trailing: String = "", into grid: inout CellGrid, area: Rect
  ) {
    let body = area.splitTop(1).rest
    guard let path = model.path else {
      PaneTitle.render(Pane.timeline.title, detail: "", trailing: trailing, focused: focused, into: &grid, area: area)
      grid.put(
        "No session selected.", column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    guard let t = model.trajectory else {
      PaneTitle.render(
        Pane.timeline.title, detail: String(path.sessionID.prefix(8)), trailing: trailing, focused: focused,
        into: &grid, area: area)
      let reason = model.unreadable
      let text = reason.map { "This session cannot be read: " + TextSanitizer.singleLine($0) } ?? "Loading\(model.size)…"
      for (n, line) in TextWrap.lines(text, width: body.width - 1).enumerated() {
        grid.put(
          line, column: body.x + 1, row: body.y + n, maxWidth: body.width - 1, role: reason == nil ? .dim : .error,
          clip: body)
      }
      return
    }
    let id = path.steps.isEmpty ? path.sessionID : "subagent " + TextSanitizer.singleLine(t.sessionID)
    // When room is short the agent goes first, then the model, then the counts; the warnings stay.
    var parts = [
      TitlePart(String(id.prefix(path.steps.isEmpty ? 8 : 17)))
    ]
    if model.isOutline { parts.append(TitlePart("reading its text…")) }
    parts += [
      TitlePart(TextSanitizer.singleLine(t.agent), dropOrder: 4),
      TitlePart(TextSanitizer.singleLine(t.model), dropOrder: 3),
      TitlePart("\(t.turns.count) turn\(t.turns.count == 1 ? "" : "s")", dropOrder: 2),
      TitlePart(Format.cost(t.totalUsage.cost), dropOrder: 1),
    ]
    if let additions = model.additions { parts.append(TitlePart(additions, dropOrder: 1)) }
    if model.fileProblems > 0 {
      let marker = "! \(model.fileProblems) file problem\(model.fileProblems == 1 ? "" : "s")"
      parts.append(TitlePart(marker + " (o lists them)", short: marker))
    }
    let failed = t.failedTurns.filter { $0 < t.turns.count }
    if !failed.isEmpty { parts.append(TitlePart("! turn \(failed.map(String.init).joined(separator: ", ")) failed")) }
    if RunningTotals.find(in: t) != nil {
      parts.append(TitlePart("! usage: running totals (cost pane)", short: "! running totals"))
    }
    if let badge = model.liveBadge { parts.append(TitlePart(badge)) }
    PaneTitle.render(Pane.timeline.title, parts: parts, trailing: trailing, focused: focused, into: &grid, area: area)
    guard !t.turns.isEmpty else {
      grid.put("No turns yet.", column: body.x + 1, row: body.y, maxWidth: body.width - 1, role: .dim, clip: body)
      return
    }
    let key = TimelineKey(
      path: path, version: model.version, outlineTurns: model.isOutline ? t.turns.count : nil,
      inProgress: model.inProgress)
    let rows = rowMemo.value(key) { Self.rows(t, failed: Set(failed), inProgress: model.inProgress) }
    let all = columns(rows, width: body.width)
    let kept = keptColumns(all, width: body.width)
    TablePane(
      columns: kept.map { all[$0] }, rows: rows.map { row in kept.map { row[$0] } }, scroll: scroll, focused: focused
    ).render(into: &grid, area: body)
  }

  /// Each turn's row: marker and number, input, blocks, tool calls, time, tokens and cost.
  private static func rows(_ t: Trajectory, failed failedTurns: Set<Int>, inProgress: Set<Int>) -> [[Span]] {
    let unpriced = Set(UnpricedTurns.indices(t))
    return t.turns.enumerated().map { index, turn in
      let row = TurnRow(
        turn, index: index, inProgress: inProgress.contains(index), costKnown: !unpriced.contains(index))
      let marker =
        row.inProgress
        ? Span("●" + row.index, .statusRunning)
        : failedTurns.contains(index) ? Span("!" + row.index, .error) : Span(row.index, .dim)
      return [
        marker, Span(row.input),
        Span(row.blocks), Span(row.toolCalls, row.toolErrors > 0 ? .error : .normal),
        Span(row.duration, row.inProgress ? .statusRunning : .normal), Span(row.tokensIn), Span(row.tokensOut),
        Span(row.cacheRead, .dim), Span(row.cacheWrite, .dim), Span(row.cost, .cost),
      ]
    }
  }

  private static func titles(wide: Bool) -> [String] {
    [
      "#", "INPUT", wide ? "BLOCKS" : "BLK", wide ? "TOOLS" : "TLS", "TIME", "IN", "OUT", wide ? "C.READ" : "CR",
      wide ? "C.WRITE" : "CW", "COST",
    ]
  }

  /// The columns for `rows` in `width` cells: each figure column as wide as its heading or widest figure;
  /// INPUT (the second) takes the rest.
  private static func columns(_ rows: [[Span]], width: Int) -> [TableColumn] {
    titles(wide: width >= 100).enumerated().map { i, title in
      guard i != 1 else { return TableColumn(title: title, width: 0) }
      // The turn number keeps room for a marker (`●12`), so the row does not shift when a turn starts.
      let widest = rows.map { DisplayWidth.of($0[i].text) }.max() ?? 0
      return TableColumn(title: title, width: max(DisplayWidth.of(title), widest, i == 0 ? 3 : 0), right: true)
    }
  }

  /// The columns shown: all when INPUT, which tells turns apart, still gets half the width (at least 20
  /// cells), else without the cache columns, then blocks, output and input tokens, in that order, until it does.
  private static func keptColumns(_ all: [TableColumn], width: Int) -> [Int] {
    var kept = Array(all.indices)
    let inputRoom: ([Int]) -> Int = { kept in
      width - kept.filter { $0 != 1 }.reduce(0) { $0 + all[$1].width } - (kept.count - 1)
    }
    for drop in [8, 7, 2, 6, 5] where inputRoom(kept) < max(20, width / 2) {
      kept.removeAll { $0 == drop }
    }
    return kept
  }
}
