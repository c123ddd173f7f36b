import CawCore

/// The search of every session (`S`): typing asks the index, the cursor moves through the hits, and
/// Enter opens the hit's turn or tool call with the match found there, where `n`/`N` go on.
extension Reducer {
  /// Shows the finder with its last query; the index is built or brought up to date behind it.
  func openFinder(_ state: inout AppState) -> [Effect] {
    state.showingFinder = true
    var effects: [Effect] = []
    if !state.indexRequested || state.indexFailure != nil {
      state.indexRequested = true
      state.indexFailure = nil
      effects.append(.refreshIndex(build: true))
    }
    // The last query again: the index may hold more sessions now.
    if !state.finder.text.isEmpty { effects.append(.searchEverySession(state.finder.text)) }
    return effects
  }

  /// A key pressed while the finder is shown: characters edit the query, arrows move through the hits.
  func finderKey(_ key: Key, _ state: inout AppState) -> [Effect] {
    let rows = FinderOverlay.hitsShown(in: state.size)
    let count = state.finder.hits.count
    switch key {
    case .escape:
      state.showingFinder = false
    case .enter:
      return openHit(&state)
    case .down, .ctrl("n"): state.finder.scroll.move(by: 1, count: count, visible: rows)
    case .up, .ctrl("p"): state.finder.scroll.move(by: -1, count: count, visible: rows)
    case .pageDown: state.finder.scroll.move(by: max(rows - 1, 1), count: count, visible: rows)
    case .pageUp: state.finder.scroll.move(by: -max(rows - 1, 1), count: count, visible: rows)
    case .home: state.finder.scroll.move(by: -count, count: count, visible: rows)
    case .end: state.finder.scroll.move(by: count, count: count, visible: rows)
    case .character(let c):
      state.finder.text.append(c)
      return searchTyped(&state)
    case .backspace:
      guard !state.finder.text.isEmpty else { return [] }
      state.finder.text.removeLast()
      return searchTyped(&state)
    case .ctrl("u"):
      state.finder.text = ""
      return searchTyped(&state)
    default:
      break
    }
    return []
  }

  /// Asks the index for the text typed; an empty query shows no hits and asks nothing.
  private func searchTyped(_ state: inout AppState) -> [Effect] {
    guard !state.finder.text.allSatisfy(\.isWhitespace) else {
      state.finder = Finder(text: state.finder.text)
      state.finder.answered = state.finder.text
      return []
    }
    return [.searchEverySession(state.finder.text)]
  }

  /// The index's answer, kept when it is for the text typed now (an answer to an older query is dropped).
  func searchAnswered(_ query: String, _ results: SearchResults?, error: String?, _ state: inout AppState) {
    guard query == state.finder.text else { return }
    let before = state.finder.selected
    // The count follows the hits; the same query asked again keeps its count until the new one comes.
    if results?.total != nil || state.finder.answered != query { state.finder.total = results?.total }
    state.finder.answered = query
    state.finder.error = error.map { TextSanitizer.singleLine($0, limit: 200) }
    state.finder.hits = results?.hits ?? []
    // The same query answered again (the index grew): the cursor stays on its hit where it still is.
    let row = before.flatMap { hit in state.finder.hits.firstIndex(of: hit) } ?? (before == nil ? 0 : state.finder.scroll.cursor)
    state.finder.scroll.select(row, count: state.finder.hits.count, visible: FinderOverlay.hitsShown(in: state.size))
  }

  /// The index's progress; an open finder's query is asked again, so sessions indexed since show.
  func indexProgressed(_ progress: IndexProgress, _ state: inout AppState) -> [Effect] {
    state.indexProgress = progress
    state.indexFailure = nil
    guard state.showingFinder, !state.finder.text.allSatisfy(\.isWhitespace), progress.sessionsToIndex > 0 else {
      return []
    }
    return [.searchEverySession(state.finder.text)]
  }

  /// Enter on a hit: selects its session (clearing list filters that hide it) and, once it is loaded,
  /// opens the hit's place.
  private func openHit(_ state: inout AppState) -> [Effect] {
    guard let hit = state.finder.selected else { return [] }
    guard state.summary(hit.sessionID) != nil else {
      state.message = "Session \(hit.sessionID.prefix(8)) is not in the list (it may be gone, or still being listed)"
      return []
    }
    state.showingFinder = false
    state.prompt = nil
    state.stack = []
    state.search = nil
    if state.visibleSessions.firstIndex(ofID: hit.sessionID) == nil {
      state.query.clearFilters()
      state.message = "Filters cleared to show the hit's session"
    }
    select(hit.sessionID, &state)
    let effects = reconcileSelection(&state)
    state.focus = .timeline
    guard state.trajectories[hit.sessionID] != nil else {
      state.openHitWhenLoaded = hit
      state.message = "Reading this session; the hit opens when it is read"
      return effects
    }
    return effects + showHit(hit, &state)
  }

  /// Opens the pages down to the hit's block (through the subagents that hold it) and finds the
  /// match there, unfolding what hides it.
  func showHit(_ hit: SearchHit, _ state: inout AppState) -> [Effect] {
    state.openHitWhenLoaded = nil
    guard let root = state.trajectories[hit.sessionID] else { return [] }
    let rows = PaneGeometry.tableRows(
      ScreenLayout(size: state.size, focus: .timeline).panes[.timeline] ?? Rect(state.size))
    state.timelineScroll.select(hit.turn, count: root.turns.count, visible: rows)
    var path = TrajectoryPath(sessionID: hit.sessionID)
    var stack: [PageState] = []
    for step in hit.subagentSteps {
      guard let sub = state.toolCall(at: path, step)?.subagentTrajectory else {
        state.message = "The hit's subagent is no longer in this session"
        return []
      }
      stack.append(PageState(.transcript(path, turn: step.turn)))
      stack.append(PageState(.toolCall(path, step)))
      path = TrajectoryPath(sessionID: path.sessionID, steps: path.steps + [step])
      var subagent = PageState(.subagent(path))
      subagent.scroll.cursor = min(hit.location[path.steps.count].turn, max(sub.turns.count - 1, 0))
      stack.append(subagent)
    }
    let place = hit.innermost
    guard let turns = state.trajectory(at: path)?.turns, turns.indices.contains(place.turn) else {
      state.message = "Turn \(place.turn) is no longer in this session"
      return []
    }
    stack.append(PageState(.transcript(path, turn: place.turn)))
    state.stack = stack
    if hit.kind == .toolCall, state.toolCall(at: path, place) != nil {
      state.stack.append(PageState(.toolCall(path, place)))
    } else if place.block >= 0 {
      // The search starts from the block's first row, so its match is the first found.
      let lines = Documents.lines(state)
      if let row = lines.firstIndex(where: { $0.block == place.block }) {
        state.stack[state.stack.count - 1].scroll.select(row, count: lines.count, visible: visibleRows(state))
      }
    }
    let effects = startSearch(hit.matchedText, &state)
    if let search = state.search, !search.matches.isEmpty { state.message = search.counter }
    return effects
  }
}
