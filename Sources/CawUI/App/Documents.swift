import CawCore

/// The scrollable documents of the current state, built the same way for the reducer and the views.
public enum Documents {
  private static let documents = Memo<DocumentKey, [DocumentLine]>()
  private static let costs = Memo<CostKey, [DocumentLine]>(capacity: 4)  // Tab cycles three layouts of it

  /// The rows of the open transcript or tool call page (empty on other pages).
  public static func lines(_ state: AppState) -> [DocumentLine] {
    let width = ScreenLayout(size: state.size, focus: state.focus).body.width
    return lines(state, width: width)
  }

  /// The rows of the open transcript or tool call page at `width`.
  static func lines(_ state: AppState, width: Int) -> [DocumentLine] {
    guard let top = state.stack.last else { return [] }
    var inProgress = false
    if case .transcript(let path, let turn) = top.page { inProgress = state.isInProgress(path, turn: turn) }
    let key = DocumentKey(
      page: top.page, width: width, showThinking: state.showThinking, expanded: top.expanded, inProgress: inProgress,
      version: state.trajectoriesVersion)
    return documents.value(key) { build(state, top: top, width: width, inProgress: inProgress) }
  }

  private static func build(_ state: AppState, top: PageState, width: Int, inProgress: Bool) -> [DocumentLine] {
    switch top.page {
    case .transcript(let path, let turn):
      guard let t = state.trajectory(at: path), t.turns.indices.contains(turn) else { return [] }
      return TranscriptDocument.build(
        t.turns[turn], index: turn, inProgress: inProgress, showThinking: state.showThinking, width: width)
    case .toolCall(let path, let step):
      guard let call = state.toolCall(at: path, step) else { return [] }
      let whole = call.deferredOutput.flatMap { state.wholeOutputs[$0] }
      let linked = path.steps.isEmpty ? state.nativeAdditions[path.sessionID] : nil
      return ToolCallDocument.build(
        call, expanded: top.expanded, wholeOutput: whole, outputFrom: linked?.filledOutput(step) == true ? linked?.origin : nil,
        width: width)
    case .browser, .subagent:
      return []
    }
  }

  /// The cost pane's rows for the selected session and the visible list.
  public static func costLines(_ state: AppState) -> [DocumentLine] {
    let layout = ScreenLayout(size: state.size, focus: state.focus)
    let width = (layout.panes[.cost] ?? layout.body).width
    let id = state.selectedSummary?.id
    let outline = id.flatMap { state.trajectories[$0] == nil ? state.outlines[$0] : nil }
    let key = CostKey(
      session: id, version: state.trajectoriesVersion, outlineTurns: outline?.turns.count, totals: state.visibleCosts,
      filtered: state.query.isFiltering, width: width)
    return costs.value(key) {
      CostReport.build(
        session: id.flatMap(state.trajectoryOrOutline), id: id, totals: state.visibleCosts,
        filtered: state.query.isFiltering, width: width)
    }
  }

  /// The text `o` hands to `$PAGER`: the open document, or the selected session's whole transcript.
  public static func pagerText(_ state: AppState) -> String {
    let width = 100
    let rows: [DocumentLine]
    switch state.page {
    case .transcript, .toolCall:
      rows = lines(state, width: width)
    case .subagent(let path):
      rows = wholeSession(state, path: path, width: width)
    case .browser:
      if state.focus == .cost {
        rows = costLines(state)
      } else if let id = state.selectedSummary?.id {
        rows = wholeSession(state, path: TrajectoryPath(sessionID: id), width: width)
      } else {
        rows = []
      }
    }
    return rows.map(\.text).joined(separator: "\n")
  }

  private static func wholeSession(_ state: AppState, path: TrajectoryPath, width: Int) -> [DocumentLine] {
    guard let t = state.trajectory(at: path) else { return [] }
    var rows: [DocumentLine] = []
    let problems = path.steps.isEmpty ? state.summary(path.sessionID)?.problems ?? [] : []
    for problem in problems {
      rows.append(DocumentLine([Span("! " + TextSanitizer.singleLine(problem.description), .error)]))
    }
    if !problems.isEmpty { rows.append(.blank) }
    for (i, turn) in t.turns.enumerated() {
      if i > 0 { rows += [.blank, DocumentLine([Span(String(repeating: "─", count: width))])] }
      rows += TranscriptDocument.build(
        turn, index: i, inProgress: state.isInProgress(path, turn: i), showThinking: true, width: width)
    }
    return rows
  }
}
