import CawCore

/// Renders the whole screen from the state: title, the browser or the open page, footer, help.
public enum AppView {
  /// The frame for `state` at its size.
  public static func render(_ state: AppState, keymap: Keymap = .standard) -> CellGrid {
    var grid = CellGrid(size: state.size)
    guard state.size.width > 0, state.size.height > 0 else { return grid }
    let layout = ScreenLayout(size: state.size, focus: state.focus)
    let context = Reducer(keymap: keymap).context(state)
    TitleBar.render(TitleBar.Model(state), into: &grid, area: layout.title)
    // The finder covers the whole body: what is under it is not drawn.
    switch state.stack.last {
    case _ where state.showingFinder && FinderOverlay.covers(layout.body):
      break
    case nil:
      renderBrowser(state, layout: layout, into: &grid)
    case .some(let top):
      renderPage(top, state, area: layout.body, into: &grid)
    }
    FooterBar.render(FooterBar.Model(state), keymap: keymap, context: context, into: &grid, area: layout.footer)
    if state.showingFinder {
      FinderOverlay.render(state, into: &grid, area: layout.body)
    }
    if state.showingHelp {
      HelpOverlay.render(keymap, context: context, into: &grid, area: layout.body)
    }
    if let dialog = state.dialog {
      DialogOverlay.render(dialog, into: &grid, area: layout.body)
    }
    return grid
  }

  private static func renderBrowser(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
    let tabs =
      layout.arrangement == .single
      ? Pane.allCases.map { $0 == state.focus ? "[\($0.title)]" : $0.title }.joined(separator: " ") : ""
    for pane in Pane.allCases {
      guard let area = layout.panes[pane] else { continue }
      let focused = pane == state.focus
      switch pane {
      case .sessions:
        SessionListPane.render(SessionListPane.Model(state), focused: focused, trailing: tabs, into: &grid, area: area)
      case .timeline:
        let path = state.selectedSummary.map { TrajectoryPath(sessionID: $0.id) }
        TimelinePane.render(
          TimelinePane.Model(state, path: path), scroll: state.timelineScroll, focused: focused, trailing: tabs,
          into: &grid, area: area)
        if layout.arrangement == .wide {
          for y in area.y..<area.maxY { grid.put("│", column: area.maxX, row: y, maxWidth: 1, role: .border) }
        }
      case .cost:
        let detail = state.selectedSummary.map { String($0.id.prefix(8)) } ?? ""
        DocumentPane(
          lines: Documents.costLines(state), scroll: state.costScroll, showsCursor: false, focused: focused, search: nil
        )
        .render(title: Pane.cost.title, detail: detail, trailing: tabs, into: &grid, area: area)
      }
    }
  }

  private static func renderPage(_ top: PageState, _ state: AppState, area: Rect, into grid: inout CellGrid) {
    switch top.page {
    case .browser:
      break
    case .subagent(let path):
      TimelinePane.render(
        TimelinePane.Model(state, path: path), scroll: top.scroll, focused: true, into: &grid, area: area)
    case .transcript(let path, let turn):
      // A subagent's turn is named by the subagent, as its timeline is.
      let owner =
        path.steps.isEmpty
        ? String(path.sessionID.prefix(8))
        : String(("subagent " + TextSanitizer.singleLine(state.trajectory(at: path)?.sessionID ?? "")).prefix(17))
      DocumentPane(
        lines: Documents.lines(state), scroll: top.scroll, showsCursor: true, focused: true, search: state.search
      )
      .render(
        title: "Turn \(turn)",
        detail: owner + (state.showThinking ? " · thinking shown" : "")
          + (path.steps.isEmpty ? LiveBadge.text(state, sessionID: path.sessionID).map { " · " + $0 } ?? "" : ""),
        into: &grid, area: area)
    case .toolCall:
      DocumentPane(
        lines: Documents.lines(state), scroll: top.scroll, showsCursor: false, focused: true, search: state.search
      )
      .render(title: "Tool call", detail: top.expanded ? "whole output" : "", into: &grid, area: area)
    }
  }
}
