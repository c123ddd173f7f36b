extension Reducer {
  /// Rows the wheel scrolls per notch.
  static let wheelRows = 3

  /// A click selects the row under it (focusing its pane); the wheel scrolls what is under it.
  func mouseUsed(_ event: MouseEvent, _ state: inout AppState) -> [Effect] {
    state.message = nil
    if state.showingHelp || state.prompt != nil { return [] }
    let layout = ScreenLayout(size: state.size, focus: state.focus)
    switch state.page {
    case .browser:
      guard let pane = layout.pane(atColumn: event.column, row: event.row), let area = layout.panes[pane] else {
        return []
      }
      state.focus = pane
      switch event.kind {
      case .wheelUp: return run(.up, &state, times: Self.wheelRows)
      case .wheelDown: return run(.down, &state, times: Self.wheelRows)
      case .click:
        let row = event.row - area.y - (pane == .cost ? 1 : 2)
        guard row >= 0, pane != .cost else { return [] }
        let scroll = pane == .sessions ? state.sessionScroll : state.timelineScroll
        return run(.down, &state, times: scroll.offset + row - scroll.cursor)
      }
    case .subagent, .transcript, .toolCall:
      guard layout.body.contains(column: event.column, row: event.row) else { return [] }
      switch event.kind {
      case .wheelUp: return run(.up, &state, times: Self.wheelRows)
      case .wheelDown: return run(.down, &state, times: Self.wheelRows)
      case .click:
        guard let top = state.stack.last else { return [] }
        let header: Int
        switch top.page {
        case .subagent: header = 2
        case .transcript: header = 1
        case .browser, .toolCall: return []
        }
        let row = event.row - layout.body.y - header
        guard row >= 0 else { return [] }
        return run(.down, &state, times: top.scroll.offset + row - top.scroll.cursor)
      }
    }
  }

  /// Runs a movement `times` times in one step (negative runs it the other way).
  private func run(_ command: Command, _ state: inout AppState, times: Int) -> [Effect] {
    guard times != 0 else { return [] }
    let step: Command = times > 0 ? command : (command == .down ? .up : .down)
    var effects: [Effect] = []
    for _ in 0..<abs(times) { effects = run(step, &state) }
    return effects
  }
}
