import CawCore

extension Reducer {
  /// `]`/`[` and `}`/`{` in a transcript: puts the cursor on the next or previous row heading a message
  /// or a tool call, going on into the next turn (or back into the previous one) past the last; the
  /// footer says which one of how many it is.
  func jump(to kind: DocumentLine.Heading, forward: Bool, _ state: inout AppState) {
    guard case .transcript(let path, let start) = state.page, let top = state.stack.last,
      let turns = state.trajectory(at: path)?.turns.count
    else { return }
    let noun = kind == .message ? "message" : "tool call"
    var turn = start
    var lines = Documents.lines(state)
    var from = top.scroll.cursor
    while true {
      let headings = lines.indices.filter { lines[$0].heading == kind }
      if let row = forward ? headings.first(where: { $0 > from }) : headings.last(where: { $0 < from }) {
        if turn != start {
          state.stack[state.stack.count - 1] = PageState(.transcript(path, turn: turn))
          state.search = nil
        }
        state.stack[state.stack.count - 1].scroll.select(row, count: lines.count, visible: visibleRows(state))
        state.message = "\(noun) \(headings.firstIndex(of: row)! + 1)/\(headings.count) in turn \(turn)"
        return
      }
      turn += forward ? 1 : -1
      guard (0..<turns).contains(turn) else {
        state.message = forward ? "This is the last \(noun)" : "This is the first \(noun)"
        return
      }
      var next = state
      next.stack[next.stack.count - 1] = PageState(.transcript(path, turn: turn))
      lines = Documents.lines(next)
      from = forward ? -1 : lines.count
    }
  }
}
