import CawCore
import Synchronization

/// Everything the UI shows, as a plain value: reduced from actions, rendered into a grid.
public struct AppState: Equatable, Sendable {
  /// The data directory (or a name for it) shown in the title bar.
  public var dataDirectory: String
  /// The terminal size the state is laid out for.
  public var size: Size
  /// The current time, seconds since 1970 (for relative times).
  public var now: Double { didSet { if !replacing { refreshVisible() } } }
  /// Every listed session, as read.
  public var summaries: [SessionSummary] = [] {
    didSet {
      guard !replacing else { return }
      listVersion += 1
      listsNativeSessions = summaries.contains { $0.origin != .caw }
      positions = Dictionary(summaries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
      refreshVisible()
    }
  }
  /// While ``replaceSummaries(_:now:)`` changes rows in place, what shows is refreshed once, at its end.
  private var replacing = false
  /// Whether the list holds sessions of the agents' own stores (found once per list, not per frame).
  public private(set) var listsNativeSessions = false
  /// Where each session is in `summaries`, so a key or a frame finds one without a scan of the list.
  private var positions: [String: Int] = [:]
  /// A session whose selected turn opens as soon as it is loaded (Enter was pressed while it was read).
  public var openWhenLoaded: String?
  /// Whether the first listing has arrived.
  public var listed = false
  /// While only the newest sessions are listed: how many there are in all.
  public var listingTotal: Int?
  /// Loaded trajectories, by session id: the most recently loaded ``loadedLimit``, more only while more
  /// are shown.
  public var trajectories: [String: Trajectory] = [:] {
    didSet { trajectoriesVersion = Self.versions.add(1, ordering: .relaxed).newValue }
  }
  /// Names the content of `trajectories`: it changes with every change to them, and no two states with
  /// other content share it (documents built from them are kept until it changes).
  public private(set) var trajectoriesVersion = 0
  private static let versions = Atomic<Int>(0)
  /// Outlines of large sessions still being read (turns and usage without text), by session id.
  public var outlines: [String: Trajectory] = [:]
  /// Tool outputs read whole from their files for the pages showing them (``ToolUse/deferredOutput``),
  /// the most recently read ``wholeOutputLimit``; a change builds documents afresh, as `trajectories` does.
  public private(set) var wholeOutputs: [DeferredText: String] = [:] {
    didSet { trajectoriesVersion = Self.versions.add(1, ordering: .relaxed).newValue }
  }
  /// Outputs in `wholeOutputs`, least recently read first.
  private var wholeOutputOrder: [DeferredText] = []
  /// Outputs asked for and not given up since: being read, read, or unreadable (not asked for again).
  public private(set) var askedOutputs: Set<DeferredText> = []
  /// The last search of the outputs left in their files, for the transcript's `/` search.
  public var outputSearch: OutputSearch?
  /// How many whole outputs are kept (each at most ``TextBudget/display``'s `perString`).
  public static let wholeOutputLimit = 4
  /// Loaded sessions, least recently loaded first.
  private var loadOrder: [String] = []
  /// How many loaded sessions are kept, unless more are selected or open in pages (each is held within
  /// ``TextBudget/display``).
  public static let loadedLimit = 8
  /// Why a session could not be loaded, by session id.
  public var loadErrors: [String: String] = [:]
  /// What the agents' own records add to caw sessions, by session id.
  public var nativeAdditions: [String: LinkedAdditions] = [:]
  /// Filter and sort of the session list.
  public var query = SessionQuery() { didSet { refreshVisible() } }
  /// The selected session; kept when the list is re-sorted, filtered or reloaded.
  public var selectedID: String?
  /// The session list's scroll position.
  public var sessionScroll = ScrollState()
  /// The timeline's scroll position (for the selected session).
  public var timelineScroll = ScrollState()
  /// The cost pane's scroll position.
  public var costScroll = ScrollState()
  /// The browser pane with focus.
  public var focus = Pane.sessions
  /// Pages opened on top of the browser, innermost last.
  public var stack: [PageState] = []
  /// Whether thinking blocks are shown in transcripts.
  public var showThinking = false
  /// The line being typed, if any.
  public var prompt: Prompt?
  /// The last search in the open document.
  public var search: Search?
  /// Whether the help overlay is open.
  public var showingHelp = false
  /// The search of every session: shown while ``showingFinder``, kept when closed (`S` shows it again).
  public var finder = Finder()
  /// Whether the search of every session is shown; keys go to it until Esc or Enter.
  public var showingFinder = false
  /// How far the search index's last refresh got (nil until one has been heard of).
  public var indexProgress: IndexProgress?
  /// Why the search index could not be built or read.
  public var indexFailure: String?
  /// Whether this UI has asked for the search index to be built (it is then kept current).
  public var indexRequested = false
  /// A hit to show as soon as its session is loaded (Enter was pressed on it while it was read).
  public var openHitWhenLoaded: SearchHit?
  /// A one-line message for the footer (cleared by the next key).
  public var message: String?
  /// The question being asked, if any.
  public var dialog: Dialog?
  /// The `run` and `resume` processes recording sessions of this data directory right now.
  public var runs: [RunRecord] = [] {
    didSet {
      listVersion += 1
      refreshVisible()
    }
  }
  /// Whether the timeline and open transcripts stick to the newest event as sessions change.
  public var following = true
  /// Sessions started or resumed from this UI (their handles are printed on exit).
  public var startedHere: [String] = []
  /// The directory a new session works in by default.
  public var defaultDirectory = ""
  /// The data directory's path (for commands the user copies); empty for the demo tree.
  public var dataPath = ""
  /// A session to select as soon as it appears in the list (one just started).
  public var pendingSelection: String?
  /// Set when the user quits.
  public var quitting = false

  /// The state before anything is loaded.
  public init(dataDirectory: String, size: Size, now: Double) {
    self.dataDirectory = dataDirectory
    self.size = size
    self.now = now
  }

  /// Keeps a loaded trajectory (nil removes it), dropping the least recently loaded beyond
  /// ``loadedLimit`` unless they are selected or open.
  public mutating func keepLoaded(_ id: String, _ trajectory: Trajectory?) {
    trajectories[id] = trajectory
    outlines[id] = nil
    loadOrder.removeAll { $0 == id }
    guard trajectory != nil else { return }
    loadOrder.append(id)
    let inUse = Set(stack.compactMap(\.page.sessionID) + [selectedID].compactMap { $0 })
    while loadOrder.count > Self.loadedLimit,
      let oldest = loadOrder.firstIndex(where: { !inUse.contains($0) })
    {
      trajectories[loadOrder.remove(at: oldest)] = nil
    }
  }

  /// Whether session `id` is listed and readable but not loaded yet.
  public func isLoading(_ id: String?) -> Bool {
    guard let id, trajectories[id] == nil, loadErrors[id] == nil else { return false }
    return summary(id).map { $0.status != .broken } ?? false
  }

  /// The listed session `id`, if it is listed.
  public func summary(_ id: String) -> SessionSummary? { positions[id].map { summaries[$0] } }

  /// The run recording `id`, if one is.
  public func run(recording id: String) -> RunRecord? { runs.first { $0.sessionID == id } }

  /// The sessions the list shows, in order; kept up to date whenever the list, the query, the runs or
  /// the time change, so drawing a frame or moving the cursor never filters and sorts again.
  public private(set) var visibleSessions = VisibleSessions()
  /// The cost totals of the visible sessions, for the cost pane.
  public private(set) var visibleCosts = ListCostTotals()
  /// What the cost pane groups the list's cost by over time: `.day`, `.week` or `.month` (`d` cycles).
  public private(set) var costPeriod = CostGrouping.day

  /// Counts changes to the list or the runs, so the cost totals are only summed again when the set of
  /// visible sessions can have changed (not for a new sort order).
  private var listVersion = 0
  private var costsComputedFor: CostsKey?
  /// Each summary's cost groups, worked out once per list version and period.
  private var costKeys: CostGroupKeys?

  /// What the cost totals were summed for.
  private struct CostsKey: Equatable, Sendable {
    var version: Int
    var filter: SessionQuery
    var period: CostGrouping
  }

  /// Each summary's search text, built the first time a filter is typed after the list changed.
  private var searchTexts: SearchTexts?

  /// Each summary's start time (index for index), parsed once per list version.
  private var startTimes = StartTimes(version: -1, times: [])

  /// Start times and the list version they were parsed for.
  private struct StartTimes: Equatable, Sendable {
    var version: Int
    var times: [Double]
  }

  /// Search texts and the list version they were built for, with the summary each was built from (so
  /// a refresh that changed a few sessions builds only theirs again).
  private struct SearchTexts: Equatable, Sendable {
    var version: Int
    var texts: [String]
    var built: [String: (summary: SessionSummary, recording: Bool, text: String)]

    static func == (a: SearchTexts, b: SearchTexts) -> Bool { a.version == b.version && a.texts == b.texts }

    /// The texts of `summaries` (index for index), each remembered with the summary it was built from.
    init(version: Int, summaries: [SessionSummary], texts: [String], recording: Set<String>) {
      self.version = version
      self.texts = texts
      built = Dictionary(
        zip(summaries, texts).map { ($0.id, (summary: $0, recording: recording.contains($0.id), text: $1)) },
        uniquingKeysWith: { a, _ in a })
    }
  }

  /// Puts re-read summaries of listed sessions in their places and sets the time, refreshing what shows
  /// once; the other rows' start times and filter texts are kept. False, changing nothing, when one of
  /// them is not listed.
  public mutating func replaceSummaries(_ updated: [SessionSummary], now: Double) -> Bool {
    var places: [Int] = []
    for summary in updated {
      guard let place = positions[summary.id] else { return false }
      places.append(place)
    }
    let next = listVersion + 1
    if startTimes.version == listVersion, startTimes.times.count == summaries.count {
      for (summary, place) in zip(updated, places) { startTimes.times[place] = summary.startTime }
      startTimes.version = next
    }
    if var keys = costKeys, keys.version == listVersion, keys.costs.count == summaries.count {
      costKeys = nil  // so the keys are changed in place, not copied
      for (summary, place) in zip(updated, places) { keys.set(place, summary, startTime: summary.startTime) }
      keys.version = next
      costKeys = keys
    }
    if var texts = searchTexts, texts.version == listVersion, texts.texts.count == summaries.count {
      searchTexts = nil  // so the texts are changed in place, not copied
      let recording = Set(runs.map(\.sessionID))
      for (summary, place) in zip(updated, places) {
        let isRecording = recording.contains(summary.id)
        let text = SessionRow(summary, now: now, recording: isRecording).searchText
        texts.texts[place] = text
        texts.built[summary.id] = (summary, isRecording, text)
      }
      texts.version = next
      searchTexts = texts
    }
    replacing = true
    self.now = now
    for (summary, place) in zip(updated, places) { summaries[place] = summary }
    replacing = false
    listVersion = next
    refreshVisible()
    return true
  }

  /// Takes the filter texts built off the UI thread when they were built for the list shown; rows a run
  /// is recording are built again with the next filter.
  mutating func adoptSearchTexts(_ batch: SearchTextBatch) {
    guard searchTexts?.version != listVersion, batch.texts.count == summaries.count, batch.summaries == summaries else {
      return
    }
    // Built as if no run were recording: with one recording, the next filter builds those rows again.
    let recording = Set(runs.map(\.sessionID))
    let current = recording.allSatisfy { positions[$0] == nil } ? listVersion : -1
    searchTexts = SearchTexts(version: current, summaries: batch.summaries, texts: batch.texts, recording: [])
    if current == listVersion, !query.text.isEmpty { refreshVisible() }
  }

  private mutating func refreshVisible() {
    let recording = Set(runs.map(\.sessionID))
    if !query.text.isEmpty, searchTexts?.version != listVersion {
      let previous = searchTexts?.built ?? [:]
      let summaries = self.summaries
      let now = self.now
      // The first filter after a listing builds every row's text: on every core, not a frame per 600 rows.
      let texts = SessionReader.inParallel(summaries.count) { index -> String in
        let summary = summaries[index]
        let isRecording = recording.contains(summary.id)
        if let (old, wasRecording, text) = previous[summary.id], old == summary, wasRecording == isRecording {
          return text
        }
        return SessionRow(summary, now: now, recording: isRecording).searchText
      }
      searchTexts = SearchTexts(version: listVersion, summaries: summaries, texts: texts, recording: recording)
    }
    if startTimes.version != listVersion || startTimes.times.count != summaries.count {
      let summaries = self.summaries
      let times = SessionReader.inParallel(summaries.count) { summaries[$0].startTime }
      startTimes = StartTimes(version: listVersion, times: times)
    }
    visibleSessions = query.apply(
      summaries, now: now, recording: recording, searchTexts: query.text.isEmpty ? nil : searchTexts?.texts,
      startTimes: startTimes.times)
    var filter = query
    filter.sort = .newest
    let key = CostsKey(version: listVersion, filter: filter, period: costPeriod)
    if costsComputedFor != key {
      let stale = costKeys.map {
        $0.version != listVersion || $0.period != costPeriod || $0.costs.count != summaries.count
      }
      if stale ?? true {
        costKeys = CostGroupKeys(summaries, startTimes: startTimes.times, period: costPeriod, version: listVersion)
      }
      if let costKeys { visibleCosts = ListCostTotals(costKeys, order: visibleSessions.order) }
      costsComputedFor = key
    }
  }

  /// Groups the cost pane's list totals by the next period: day, week, month, day again.
  mutating func cycleCostPeriod() {
    let periods: [CostGrouping] = [.day, .week, .month]
    costPeriod = periods[((periods.firstIndex(of: costPeriod) ?? 0) + 1) % periods.count]
    refreshVisible()
  }

  /// The selected session's summary, if it is visible.
  public var selectedSummary: SessionSummary? {
    let cursor = sessionScroll.cursor
    if visibleSessions.indices.contains(cursor), visibleSessions[cursor].id == selectedID {
      return visibleSessions[cursor]
    }
    return visibleSessions.firstIndex(ofID: selectedID).map { visibleSessions[$0] }
  }

  /// The top page: the browser when nothing is open.
  public var page: Page { stack.last?.page ?? .browser }

  /// The session's trajectory, or while it is being read its outline (whose text is not there yet).
  public func trajectoryOrOutline(_ id: String) -> Trajectory? { trajectories[id] ?? outlines[id] }

  /// The trajectory at `path`, if loaded.
  public func trajectory(at path: TrajectoryPath) -> Trajectory? {
    var current = trajectories[path.sessionID]
    for step in path.steps {
      guard let t = current, t.turns.indices.contains(step.turn), t.turns[step.turn].output.indices.contains(step.block)
      else { return nil }
      current = t.turns[step.turn].output[step.block].toolUse?.subagentTrajectory
    }
    return current
  }

  /// Whether turn `turn` of the trajectory at `path` is still in progress: it is open and a run records
  /// it, or its files are still being written. In a subagent: its last turn while every tool call on the
  /// way down is still waiting for its result.
  public func isInProgress(_ path: TrajectoryPath, turn: Int) -> Bool {
    guard let summary = summary(path.sessionID), summary.hasTurnInProgress,
      run(recording: path.sessionID) != nil || summary.isBeingWritten(now: now)
    else { return false }
    guard let first = path.steps.first else { return turn == summary.turnCount - 1 }
    guard first.turn == summary.turnCount - 1, let sub = trajectory(at: path), turn == sub.turns.count - 1 else {
      return false
    }
    var current = TrajectoryPath(sessionID: path.sessionID)
    for step in path.steps {
      guard let call = toolCall(at: current, step), call.output.isEmpty, !call.isError else { return false }
      current.steps.append(step)
    }
    return true
  }

  /// The output of `call` as far as it is known: whole when it was read from its file, else what the
  /// session's read kept (all of it, or the head of a deferred one).
  public func output(of call: ToolUse) -> String {
    call.deferredOutput.flatMap { wholeOutputs[$0] } ?? call.output
  }

  /// Whether `call`'s output holds `needle` (lowercased): searched in memory, or for an output still in its
  /// file, as the last ``outputSearch`` found (its head meanwhile).
  public func outputHolds(_ call: ToolUse, _ needle: String) -> Bool {
    if let deferred = call.deferredOutput, wholeOutputs[deferred] == nil,
      let search = outputSearch, search.needle == needle, search.done, search.searched.contains(deferred)
    {
      return search.hits.contains(deferred)
    }
    return output(of: call).lowercased().contains(needle)
  }

  /// Marks a deferred output as asked for; false when it already was.
  mutating func askForOutput(_ output: DeferredText) -> Bool {
    askedOutputs.insert(output).inserted
  }

  /// Keeps a whole output read from its file, dropping the least recently read beyond the limit.
  mutating func keepWholeOutput(_ output: DeferredText, _ text: String) {
    wholeOutputOrder.removeAll { $0 == output }
    wholeOutputOrder.append(output)
    wholeOutputs[output] = text
    while wholeOutputOrder.count > Self.wholeOutputLimit {
      let dropped = wholeOutputOrder.removeFirst()
      wholeOutputs[dropped] = nil
      askedOutputs.remove(dropped)
    }
  }

  /// The tool call at `step` of the trajectory at `path`.
  public func toolCall(at path: TrajectoryPath, _ step: TrajectoryPath.Step) -> ToolUse? {
    guard let t = trajectory(at: path), t.turns.indices.contains(step.turn),
      t.turns[step.turn].output.indices.contains(step.block)
    else { return nil }
    return t.turns[step.turn].output[step.block].toolUse
  }
}
