import CawCore

extension Reducer {
  /// Actions from outside the keyboard: files changing on disk, runs starting and stopping, the clock,
  /// and the results of exports, runs and copies.
  func reduceLive(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .filesChanged(let change):
      var ids = change.sessionIDs
      if let pending = state.pendingSelection { ids.insert(pending) }
      // The search index follows live changes once it exists.
      let index: [Effect] = state.indexProgress != nil && !change.sessionIDs.isEmpty ? [.updateIndex(change.sessionIDs)] : []
      let native: [Effect] = change.nativeFiles.isEmpty ? [] : [.refreshNativeFiles(change.nativeFiles)]
      return (ids.isEmpty ? index : [.refreshSessions(ids)] + index) + native
    case .sessionsRefreshed(let summaries, let removed, let now):
      return merge(summaries, removed: removed, now: now, &state)
    case .runsChanged(let runs):
      state.runs = runs
      return []
    case .clockTicked(let now):
      state.now = now
      return []
    case .runStarted(let id):
      if !state.startedHere.contains(id) { state.startedHere.append(id) }
      state.pendingSelection = id
      state.following = true
      state.message = "Started a run for \(id.prefix(8)); it records in the background"
      return [.refreshSessions([id])]
    case .effectFailed(let reason):
      state.message = TextSanitizer.singleLine(reason, limit: 300)
      return []
    case .runReady(let launch):
      return [.launchRun(launch)]
    case .interactiveReady(let launch):
      return [.handOver(launch)]
    case .interactiveEnded(let id, let message):
      state.message = TextSanitizer.singleLine(message, limit: 300)
      return id.map { [.refreshSessions([$0])] } ?? [.listSessions]
    case .exportNeedsConfirmation(let path, let format, let file):
      state.dialog = .confirmOverwrite(path, format, path: file)
      return []
    case .exported(let file, let bytes):
      state.message = "Wrote \(TextSanitizer.singleLine(file, limit: 120)) (\(bytes) bytes)"
      return []
    case .copied(let label):
      state.message = "Copied \(label) to the clipboard"
      return []
    case .wholeOutputRead(let output, .success(let text)):
      state.keepWholeOutput(output, text)
      let before = state.search?.matches.isEmpty
      refreshSearch(&state)
      if before == true, state.search?.matches.isEmpty == false { jumpToMatch(&state) }
      return []
    case .searchTextsBuilt(let batch):
      state.adoptSearchTexts(batch)
      return []
    case .outputsSearched(let needle, let hits):
      guard var search = state.outputSearch, search.needle == needle else { return [] }
      search.hits = hits
      search.done = true
      state.outputSearch = search
      // The search shown goes on with what the outputs hold: into another turn when this one has none.
      if let query = state.search?.query, query.lowercased() == needle {
        if state.search?.matches.isEmpty == true { return startSearch(query, &state) }
        refreshSearch(&state)
      }
      return []
    case .wholeOutputRead(_, .failure(let error)):
      state.message = "Could not read the whole output: " + TextSanitizer.singleLine(error.message, limit: 200)
      return []
    case .sessionsRequested, .sessionsListed, .sessionsListedPartly, .listingFailed, .sessionOutlined, .sessionLoaded,
      .terminalResized, .keyPressed, .mouseUsed, .searchAnswered, .indexProgressed, .indexFailed, .nativeAdditionsFound,
      .searchCounted:
      // Reduced by `reduce(_:_:)`, which never passes them here.
      return []
    }
  }

  /// Puts re-read summaries into the list. The selected session keeps its row on screen, so rows
  /// added above it (a new session) do not make the list jump under the cursor.
  private func merge(
    _ summaries: [SessionSummary], removed: Set<String>, now: Double, _ state: inout AppState
  ) -> [Effect] {
    let before = state.visibleSessions.firstIndex(ofID: state.selectedID)
    let changed = summaries.filter { state.summary($0.id) != $0 }.map(\.id)
    // Rows re-read in their places (the usual case) change only those rows; new and removed ones
    // rebuild the list.
    if !removed.isEmpty || !state.replaceSummaries(summaries, now: now) {
      var byID = Dictionary(state.summaries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for id in removed { byID[id] = nil }
      for summary in summaries { byID[summary.id] = summary }
      let order = state.summaries.map(\.id).filter { byID[$0] != nil }
      let added = summaries.map(\.id).filter { id in state.summary(id) == nil }
      state.now = now
      state.summaries = (added + order).compactMap { byID[$0] }
    }
    state.listed = true
    if let pending = state.pendingSelection, state.summary(pending) != nil {
      state.selectedID = pending
      state.pendingSelection = nil
      state.timelineScroll = ScrollState()
    }
    if let before, let after = state.visibleSessions.firstIndex(ofID: state.selectedID) {
      state.sessionScroll.offset = max(state.sessionScroll.offset + after - before, 0)
    }
    var effects = reconcileSelection(&state)
    for id in changed where state.trajectories[id] != nil || id == state.selectedID {
      effects.removeAll { $0 == .loadSession(id: id) }
      effects.append(.reloadSession(id: id))
    }
    return effects
  }

  /// After a session was read again: when following a live session (a run records it, or its open
  /// turn is still being written), the timeline and an open transcript of it move to the newest event.
  /// Finished sessions open at their first turn as usual.
  func followNewest(_ id: String, _ state: inout AppState) {
    let live =
      state.run(recording: id) != nil || state.summary(id)?.isBeingWritten(now: state.now) == true
    guard state.following, live, id == state.selectedID, let t = state.trajectories[id] else { return }
    let rows = PaneGeometry.tableRows(
      ScreenLayout(size: state.size, focus: state.focus).panes[.timeline] ?? Rect(state.size))
    state.timelineScroll.select(t.turns.count - 1, count: t.turns.count, visible: rows)
    guard let top = state.stack.last, case .transcript(let path, let turn) = top.page, path.sessionID == id,
      path.steps.isEmpty
    else { return }
    if turn < t.turns.count - 1 {
      state.stack[state.stack.count - 1] = PageState(.transcript(path, turn: t.turns.count - 1))
    }
    let count = Documents.lines(state).count
    state.stack[state.stack.count - 1].scroll.select(count - 1, count: count, visible: visibleRows(state))
  }

  /// The trajectory a command acts on: the open subagent or transcript's trajectory, else the selected
  /// session.
  func focusedTrajectoryPath(_ state: AppState) -> TrajectoryPath? {
    for page in state.stack.map(\.page).reversed() {
      switch page {
      case .subagent(let path), .transcript(let path, _), .toolCall(let path, _): return path
      case .browser: continue
      }
    }
    return state.selectedID.map { TrajectoryPath(sessionID: $0) }
  }
}
