import CawCore

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
      return prompt.purpose == .search ? startSearch(prompt.text, &state) : []
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

  /// Finds `query` in the open document, unfolding what hides it (see ``reveal(_:_:)``), and moves to the
  /// first match at or after the cursor. In a transcript, the tool outputs left in their files are
  /// searched by the service, and the search goes on when it answers.
  @discardableResult
  func startSearch(_ query: String, _ state: inout AppState) -> [Effect] {
    guard !query.isEmpty, !state.stack.isEmpty else {
      state.search = nil
      return []
    }
    var effects: [Effect] = []
    let needle = query.lowercased()
    // Searched once per query and set of outputs (a session read again has new ones).
    if case .transcript(let path, _) = state.page,
      let outputs = state.trajectory(at: path)?.turns.flatMap({ $0.output.compactMap { $0.toolUse?.deferredOutput } }),
      !outputs.isEmpty,
      state.outputSearch.map({ $0.needle == needle && $0.searched.isSuperset(of: outputs) }) != true
    {
      state.outputSearch = OutputSearch(needle: needle, searched: Set(outputs))
      effects.append(.searchOutputs(needle, outputs))
    }
    reveal(query, &state)
    var matches = Self.matches(of: query, state)
    if matches.isEmpty, openTurn(with: query, forward: true, &state) { matches = Self.matches(of: query, state) }
    let cursor = state.stack[state.stack.count - 1].scroll.cursor
    state.search = Search(
      query: query, matches: matches, current: matches.firstIndex { $0 >= cursor } ?? 0,
      turn: Self.transcriptTurn(state.page))
    jumpToMatch(&state)
    return effects
  }

  /// Moves to the next or previous match; past the last (or first) one of a transcript's turn, on into the
  /// next (or previous) turn with a match, else around.
  func stepMatch(_ state: inout AppState, forward: Bool) {
    guard var search = state.search, !search.matches.isEmpty else {
      state.message = state.search == nil ? "No search yet: / searches" : state.search?.counter
      return
    }
    let last = search.matches.count - 1
    if search.current == (forward ? last : 0), openTurn(with: search.query, forward: forward, &state) {
      let matches = Self.matches(of: search.query, state)
      search = Search(
        query: search.query, matches: matches, current: forward ? 0 : matches.count - 1,
        turn: Self.transcriptTurn(state.page))
    } else {
      search.current = (search.current + (forward ? 1 : last)) % search.matches.count
    }
    state.search = search
    jumpToMatch(&state)
  }

  /// Opens the nearest other turn of the open transcript, after or before this one and around, whose
  /// rows hold `query` (with what hides it unfolded); false, changing nothing, when no other turn does.
  private func openTurn(with query: String, forward: Bool, _ state: inout AppState) -> Bool {
    guard case .transcript(let path, let turn) = state.page, let turns = state.trajectory(at: path)?.turns,
      turns.count > 1
    else { return false }
    let needle = query.lowercased()
    for distance in 1..<turns.count {
      let other = ((turn + (forward ? distance : -distance)) % turns.count + turns.count) % turns.count
      // Only a turn whose text holds the query is laid out.
      guard Self.mentions(turns[other], needle, state) else { continue }
      var next = state
      next.stack[next.stack.count - 1] = PageState(.transcript(path, turn: other))
      reveal(query, &next)
      if !Self.matches(of: query, next).isEmpty {
        state = next
        return true
      }
    }
    return false
  }

  /// The turn of a transcript page.
  private static func transcriptTurn(_ page: Page) -> Int? {
    if case .transcript(_, let turn) = page { return turn }
    return nil
  }

  /// Whether any text of `turn` (prompt, text, thinking, tool names, arguments and outputs) holds `needle`
  /// (lowercased), ignoring case.
  private static func mentions(_ turn: Turn, _ needle: String, _ state: AppState) -> Bool {
    if turn.input.lowercased().contains(needle) { return true }
    return turn.output.contains { block in
      switch block {
      case .text(let text), .thinking(let text): return text.lowercased().contains(needle)
      case .toolUse(let call):
        return call.name.lowercased().contains(needle) || state.outputHolds(call, needle)
          || JSONPretty.compact(call.arguments).lowercased().contains(needle)
      }
    }
  }

  /// Recomputes the matches after the document changed (thinking shown, output expanded).
  func refreshSearch(_ state: inout AppState) {
    guard let search = state.search else { return }
    let matches = Self.matches(of: search.query, state)
    state.search = Search(
      query: search.query, matches: matches, current: min(search.current, max(matches.count - 1, 0)), turn: search.turn)
  }

  /// Scrolls to the search's current match.
  func jumpToMatch(_ state: inout AppState) {
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

  /// Unfolds what hides `query`: a tool call's folded output when it holds it, or the turn's thinking when a
  /// hidden thinking block holds it.
  private func reveal(_ query: String, _ state: inout AppState) {
    let needle = query.lowercased()
    switch state.page {
    case .toolCall(let path, let step):
      guard !state.stack[state.stack.count - 1].expanded, let call = state.toolCall(at: path, step) else { return }
      // Every match is shown, also those in the rows the fold leaves shown. An output still in its file is
      // unfolded, so it is read and searched whole.
      let inFile = call.deferredOutput.map { state.wholeOutputs[$0] == nil } ?? false
      if ToolCallDocument.outputLineCount(call) > ToolCallDocument.collapsedOutputLines,
        inFile || state.output(of: call).lowercased().contains(needle)
      {
        state.stack[state.stack.count - 1].expanded = true
      }
    case .transcript(let path, let turn):
      guard !state.showThinking, let t = state.trajectory(at: path), t.turns.indices.contains(turn) else { return }
      let hidden = t.turns[turn].output.contains {
        if case .thinking(let text) = $0 { return text.lowercased().contains(needle) }
        return false
      }
      if hidden { state.showThinking = true }
    case .browser, .subagent:
      return
    }
  }

  /// The rows of the open document holding `query`; in a transcript, a tool call whose output or
  /// arguments hold it past what the transcript shows matches on its heading row (Enter opens it there).
  static func matches(of query: String, _ state: AppState) -> [Int] {
    let lines = Documents.lines(state)
    var rows = matches(of: query, in: lines)
    guard case .transcript(let path, let turn) = state.page, let t = state.trajectory(at: path),
      t.turns.indices.contains(turn)
    else { return rows }
    let needle = query.lowercased()
    let shown = Set(rows.compactMap { lines[$0].block })
    for (index, block) in t.turns[turn].output.enumerated() where !shown.contains(index) {
      guard case .toolUse(let call) = block,
        state.outputHolds(call, needle) || JSONPretty.compact(call.arguments).lowercased().contains(needle),
        let head = lines.firstIndex(where: { $0.block == index && $0.heading == .toolCall })
      else { continue }
      rows.append(head)
    }
    return rows.sorted()
  }

  /// The rows of `lines` containing `query`, ignoring case.
  static func matches(of query: String, in lines: [DocumentLine]) -> [Int] {
    let needle = query.lowercased()
    return lines.indices.filter { lines[$0].text.lowercased().contains(needle) }
  }
}
