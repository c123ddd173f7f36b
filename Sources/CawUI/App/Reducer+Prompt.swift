extension Reducer {
  /// A key typed while the footer prompt is open.
  func promptKey(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    switch key {
    case .character(let c): prompt.text.append(c)
    case .backspace: if !prompt.text.isEmpty { prompt.text.removeLast() }
    case .ctrl("u"): prompt.text = ""
    case .enter:
      state.prompt = nil
      if prompt.purpose == .search { startSearch(prompt.text, &state) }
      return []
    case .escape:
      state.prompt = nil
      if prompt.purpose == .filter {
        state.query.text = ""
        return reconcileSelection(&state)
      }
      return []
    default: return []
    }
    state.prompt = prompt
    if prompt.purpose == .filter {
      state.query.text = prompt.text
      return reconcileSelection(&state)
    }
    return []
  }

  // MARK: - Search

  /// Finds `query` in the open document and moves to the first match at or after the cursor.
  func startSearch(_ query: String, _ state: inout AppState) {
    guard !query.isEmpty, !state.stack.isEmpty else {
      state.search = nil
      return
    }
    let matches = Self.matches(of: query, in: Documents.lines(state))
    let cursor = state.stack[state.stack.count - 1].scroll.cursor
    state.search = Search(query: query, matches: matches, current: matches.firstIndex { $0 >= cursor } ?? 0)
    jumpToMatch(&state)
  }

  /// Moves to the next or previous match, wrapping around.
  func stepMatch(_ state: inout AppState, forward: Bool) {
    guard var search = state.search, !search.matches.isEmpty else {
      state.message = state.search == nil ? "No search yet: / searches" : state.search?.counter
      return
    }
    search.current = (search.current + (forward ? 1 : search.matches.count - 1)) % search.matches.count
    state.search = search
    jumpToMatch(&state)
  }

  /// Recomputes the matches after the document changed (thinking shown, output expanded).
  func refreshSearch(_ state: inout AppState) {
    guard let search = state.search else { return }
    let matches = Self.matches(of: search.query, in: Documents.lines(state))
    state.search = Search(
      query: search.query, matches: matches, current: min(search.current, max(matches.count - 1, 0)))
  }

  private func jumpToMatch(_ state: inout AppState) {
    guard let search = state.search,
      let row = search.matches.indices.contains(search.current) ? search.matches[search.current] : nil
    else { return }
    let count = Documents.lines(state).count
    let rows = visibleRows(state)
    if case .toolCall = state.page {
      state.stack[state.stack.count - 1].scroll.scroll(
        by: row - state.stack[state.stack.count - 1].scroll.offset - rows / 3, count: count, visible: rows)
    } else {
      state.stack[state.stack.count - 1].scroll.select(row, count: count, visible: rows)
    }
  }

  /// The rows of `lines` containing `query`, ignoring case.
  static func matches(of query: String, in lines: [DocumentLine]) -> [Int] {
    let needle = query.lowercased()
    return lines.indices.filter { lines[$0].text.lowercased().contains(needle) }
  }
}
