import CawCore

/// Turns actions into state changes and effects; pure apart from the keymap it is given.
public struct Reducer: Sendable {
  /// The key bindings dispatch goes through.
  public var keymap: Keymap

  /// A reducer dispatching through `keymap`.
  public init(keymap: Keymap = .standard) {
    self.keymap = keymap
  }

  /// Applies `action` to `state` and returns the work to do.
  public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let effects = reduceAction(&state, action)
    return wholeOutputWanted(&state).map { effects + [$0] } ?? effects
  }

  /// The whole output of the tool call shown unfolded, when its session's read left it in the file and
  /// it has not been asked for.
  private func wholeOutputWanted(_ state: inout AppState) -> Effect? {
    guard let top = state.stack.last, top.expanded, case .toolCall(let path, let step) = top.page,
      let output = state.toolCall(at: path, step)?.deferredOutput, state.askForOutput(output)
    else { return nil }
    return .readWholeOutput(output)
  }

  private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .sessionsRequested:
      return [.listSessions]
    case .sessionsListed(let summaries, let now):
      // The first whole list: an index built earlier is brought up to date behind it.
      let firstWhole = !state.listed || state.listingTotal != nil
      let before = Dictionary(state.summaries.map { ($0.id, $0.lastModified) }, uniquingKeysWith: { a, _ in a })
      for summary in summaries where before[summary.id] != nil && before[summary.id] != summary.lastModified {
        state.keepLoaded(summary.id, nil)
        state.loadErrors[summary.id] = nil
      }
      state.summaries = summaries
      state.now = now
      state.listed = true
      state.listingTotal = nil
      let refresh: [Effect] = firstWhole && !state.indexRequested ? [.refreshIndex(build: false)] : []
      return reconcileSelection(&state) + refresh
    case .sessionsListedPartly(let summaries, let total, let now):
      // A first screen while the rest is read; a complete list already shown is not replaced by it.
      guard !state.listed || state.listingTotal != nil else { return [] }
      state.summaries = summaries
      state.now = now
      state.listed = true
      state.listingTotal = total
      return reconcileSelection(&state)
    case .listingFailed(let reason):
      state.listed = true
      state.message = "Could not list sessions: " + TextSanitizer.singleLine(reason, limit: 200)
      return []
    case .sessionOutlined(let id, let outline):
      if state.trajectories[id] == nil, state.isLoading(id) { state.outlines[id] = outline }
      return []
    case .sessionLoaded(let id, let trajectory, let error):
      state.keepLoaded(id, trajectory)
      state.loadErrors[id] = trajectory == nil ? (error ?? "unreadable") : nil
      followNewest(id, &state)
      if let hit = state.openHitWhenLoaded, hit.sessionID == id {
        // Enter was pressed on a hit of this session while it was read: open it, unless the user moved on.
        guard trajectory != nil, state.selectedID == id, state.page == .browser, !state.showingFinder else {
          state.openHitWhenLoaded = nil
          return []
        }
        state.message = nil
        return showHit(hit, &state)
      }
      if state.openWhenLoaded == id {
        state.openWhenLoaded = nil
        if state.page == .browser, state.focus == .timeline, state.selectedID == id, trajectory != nil {
          state.message = nil
          return open(&state)
        }
      }
      return []
    case .terminalResized(let size):
      state.size = size
      revealAll(&state)
      return []
    case .keyPressed(let key):
      return keyPressed(key, &state)
    case .searchAnswered(let query, let results, let error):
      searchAnswered(query, results, error: error, &state)
      return []
    case .indexProgressed(let progress):
      return indexProgressed(progress, &state)
    case .searchCounted(let query, let total):
      if state.finder.answered == query { state.finder.total = total }
      return []
    case .nativeAdditionsFound(let id, let additions):
      state.nativeAdditions[id] = additions
      return []
    case .indexFailed(let reason):
      state.indexFailure = TextSanitizer.singleLine(reason, limit: 300)
      return []
    case .mouseUsed(let event):
      return mouseUsed(event, &state)
    case .filesChanged, .sessionsRefreshed, .runsChanged, .clockTicked, .runReady, .runStarted, .effectFailed,
      .interactiveReady, .interactiveEnded, .exportNeedsConfirmation, .exported, .copied, .wholeOutputRead,
      .outputsSearched, .searchTextsBuilt:
      return reduceLive(action, &state)
    }
  }

  /// The context keys are read in.
  public func context(_ state: AppState) -> KeyContext {
    switch state.page {
    case .browser:
      switch state.focus {
      case .sessions: .sessions
      case .timeline: .timeline
      case .cost: .cost
      }
    case .subagent: .subagent
    case .transcript: .transcript
    case .toolCall: .toolCall
    }
  }

  private func keyPressed(_ key: Key, _ state: inout AppState) -> [Effect] {
    state.message = nil
    if key == .ctrl("c") { return run(.quit, &state) }
    if state.dialog != nil { return dialogKey(key, &state) }
    if state.showingFinder { return finderKey(key, &state) }
    if state.prompt != nil { return promptKey(key, &state) }
    if state.showingHelp {
      state.showingHelp = false
      return []
    }
    guard let command = keymap.command(for: key, in: context(state)) else { return [] }
    return run(command, &state)
  }

  /// Runs a command in the current context.
  func run(_ command: Command, _ state: inout AppState) -> [Effect] {
    switch command {
    case .down: move(&state, by: 1)
    case .up: move(&state, by: -1)
    case .pageDown: move(&state, by: max(visibleRows(state) - 1, 1))
    case .pageUp: move(&state, by: -max(visibleRows(state) - 1, 1))
    case .halfPageDown: move(&state, by: max(visibleRows(state) / 2, 1))
    case .halfPageUp: move(&state, by: -max(visibleRows(state) / 2, 1))
    case .top: move(&state, by: -Int.max / 2)
    case .bottom: move(&state, by: Int.max / 2)
    case .nextPane, .previousPane:
      let all = Pane.allCases
      let index = all.firstIndex(of: state.focus)! + (command == .nextPane ? 1 : all.count - 1)
      state.focus = all[index % all.count]
      revealAll(&state)
    case .open: return open(&state)
    case .back: back(&state)
    case .filter: state.prompt = Prompt(.filter, text: state.query.text)
    case .clearFilters:
      state.query.clearFilters()
      return reconcileSelection(&state)
    case .cycleSort:
      state.query.sort = state.query.sort.next
      return reconcileSelection(&state)
    case .cycleProvider:
      state.query.provider = state.query.nextProvider(among: state.summaries)
      return reconcileSelection(&state)
    case .cycleStatus:
      state.query.status = state.query.nextStatus
      return reconcileSelection(&state)
    case .cycleCostPeriod:
      state.cycleCostPeriod()
    case .search: state.prompt = Prompt(.search)
    case .searchEverySession:
      state.showingHelp = false
      return openFinder(&state)
    case .nextMatch, .previousMatch: stepMatch(&state, forward: command == .nextMatch)
    case .nextMessage, .previousMessage:
      jump(to: .message, forward: command == .nextMessage, &state)
    case .nextToolCall, .previousToolCall:
      jump(to: .toolCall, forward: command == .nextToolCall, &state)
    case .toggleThinking:
      state.showThinking.toggle()
      refreshSearch(&state)
      revealAll(&state)
    case .toggleExpand:
      guard !state.stack.isEmpty else { break }
      state.stack[state.stack.count - 1].expanded.toggle()
      refreshSearch(&state)
      revealAll(&state)
    case .openPager:
      let text = Documents.pagerText(state)
      guard !text.isEmpty else {
        state.message = state.isLoading(state.selectedID) ? "Still reading this session…" : "Nothing to open"
        break
      }
      return [.openPager(text: text)]
    case .help: state.showingHelp.toggle()
    case .resume: return openResume(&state)
    case .newSession:
      state.dialog = .newSession(NewSessionForm(directory: state.defaultDirectory))
      return []
    case .export: return openExport(&state)
    case .copy: return openCopy(&state)
    case .stopRun: return openStop(&state)
    case .quit: return quit(&state)
    case .interactive:
      return openInteractive(&state)
    case .toggleFollow:
      state.following.toggle()
      state.message = state.following ? "Following the newest event" : "Stopped following"
      if let id = state.selectedID { followNewest(id, &state) }
    }
    return loadSelected(state)
  }

  // MARK: - Drilling in and out

  private func open(_ state: inout AppState) -> [Effect] {
    switch state.page {
    case .browser:
      switch state.focus {
      case .sessions:
        guard state.selectedSummary != nil else { return [] }
        state.focus = .timeline
        revealAll(&state)
      case .timeline:
        if state.isLoading(state.selectedID) {
          state.openWhenLoaded = state.selectedID
          state.message = "Reading this session; its turn opens when it is read"
        }
        guard let id = state.selectedID, let t = state.trajectories[id], !t.turns.isEmpty else { return [] }
        push(.transcript(TrajectoryPath(sessionID: id), turn: state.timelineScroll.cursor), &state)
      case .cost:
        break
      }
    case .subagent(let path):
      guard let t = state.trajectory(at: path), !t.turns.isEmpty, let top = state.stack.last else { return [] }
      push(.transcript(path, turn: top.scroll.cursor), &state)
    case .transcript(let path, let turn):
      let lines = Documents.lines(state)
      guard let top = state.stack.last, lines.indices.contains(top.scroll.cursor),
        let block = lines[top.scroll.cursor].block,
        state.toolCall(at: path, .init(turn: turn, block: block)) != nil
      else {
        state.message = "Move the cursor onto a tool call (▸) to open it"
        return []
      }
      let query = state.search?.query
      push(.toolCall(path, .init(turn: turn, block: block)), &state)
      // A search goes on in the tool call when it is found there, scrolled to the first match.
      if let query {
        startSearch(query, &state)
        // An output still being read for the search keeps it: its matches come when it is read.
        let reading = state.toolCall(at: path, .init(turn: turn, block: block))?.deferredOutput.map {
          state.wholeOutputs[$0] == nil
        }
        if state.search?.matches.isEmpty == true, reading != true { state.search = nil }
      }
    case .toolCall(let path, let step):
      guard state.toolCall(at: path, step)?.subagentTrajectory != nil else {
        state.message = "This tool call did not run a subagent"
        return []
      }
      push(.subagent(TrajectoryPath(sessionID: path.sessionID, steps: path.steps + [step])), &state)
    }
    return []
  }

  private func push(_ page: Page, _ state: inout AppState) {
    state.stack.append(PageState(page))
    state.search = nil
  }

  private func back(_ state: inout AppState) {
    if !state.stack.isEmpty {
      state.stack.removeLast()
      state.search = nil
    } else if state.focus != .sessions {
      state.focus = .sessions
    }
  }

  // MARK: - Moving

  /// Rows visible in whatever the keys scroll now.
  func visibleRows(_ state: AppState) -> Int {
    let layout = ScreenLayout(size: state.size, focus: state.focus)
    switch state.page {
    case .browser:
      let area = layout.panes[state.focus] ?? layout.body
      return state.focus == .cost ? PaneGeometry.documentRows(area) : PaneGeometry.tableRows(area)
    case .subagent: return PaneGeometry.tableRows(layout.body)
    case .transcript, .toolCall: return PaneGeometry.documentRows(layout.body)
    }
  }

  private func move(_ state: inout AppState, by delta: Int) {
    let rows = visibleRows(state)
    if delta < 0, state.following, state.focus != .sessions || !state.stack.isEmpty {
      state.following = false
      state.message = "Paused following: F follows the newest event again"
    }
    switch state.page {
    case .browser:
      switch state.focus {
      case .sessions:
        let visible = state.visibleSessions
        state.sessionScroll.move(by: delta, count: visible.count, visible: rows)
        select(
          visible.indices.contains(state.sessionScroll.cursor) ? visible[state.sessionScroll.cursor].id : nil, &state)
      case .timeline:
        let count = state.selectedID.flatMap { state.trajectories[$0] }?.turns.count ?? 0
        state.timelineScroll.move(by: delta, count: count, visible: rows)
      case .cost:
        state.costScroll.scroll(by: delta, count: Documents.costLines(state).count, visible: rows)
      }
    case .subagent(let path):
      let count = state.trajectory(at: path)?.turns.count ?? 0
      state.stack[state.stack.count - 1].scroll.move(by: delta, count: count, visible: rows)
    case .transcript:
      state.stack[state.stack.count - 1].scroll.move(by: delta, count: Documents.lines(state).count, visible: rows)
    case .toolCall:
      state.stack[state.stack.count - 1].scroll.scroll(by: delta, count: Documents.lines(state).count, visible: rows)
    }
  }

  /// Keeps every cursor on screen after a resize or a change of what is shown.
  private func revealAll(_ state: inout AppState) {
    let saved = state.focus
    for pane in Pane.allCases {
      state.focus = pane
      move(&state, by: 0)
    }
    state.focus = saved
    if !state.stack.isEmpty { move(&state, by: 0) }
  }

  // MARK: - Selection

  func select(_ id: String?, _ state: inout AppState) {
    guard let id, id != state.selectedID else { return }
    state.selectedID = id
    state.timelineScroll = ScrollState()
    state.costScroll = ScrollState()
  }

  /// Puts the cursor back on the selected session after the list changed, and loads it if needed.
  func reconcileSelection(_ state: inout AppState) -> [Effect] {
    let visible = state.visibleSessions
    let rows = PaneGeometry.tableRows(
      ScreenLayout(size: state.size, focus: state.focus).panes[.sessions] ?? Rect(state.size))
    if let index = visible.firstIndex(ofID: state.selectedID) {
      state.sessionScroll.select(index, count: visible.count, visible: rows)
    } else if !visible.isEmpty {
      state.sessionScroll.select(
        min(state.sessionScroll.cursor, visible.count - 1), count: visible.count, visible: rows)
      select(visible[state.sessionScroll.cursor].id, &state)
    }
    return loadSelected(state)
  }

  /// Loads the selected session when it is not loaded yet.
  func loadSelected(_ state: AppState) -> [Effect] {
    guard let summary = state.selectedSummary, summary.status != .broken,
      state.trajectories[summary.id] == nil, state.loadErrors[summary.id] == nil
    else { return [] }
    return [.loadSession(id: summary.id)]
  }
}
