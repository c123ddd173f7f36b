import CawCore
import CawUI
import Dispatch
import Foundation
import Synchronization

/// Performs the UI's effects off the UI thread and posts their results as actions: lists sessions (the
/// newest screenful first when a listing is slow), loads and re-reads sessions, exports, and starts and
/// stops runs. Only what needs the terminal itself (the pager, the clipboard, an agent's own UI) runs on
/// the calling thread, through ``TerminalHandoff``.
///
/// Sessions are read on one serial queue, in the order asked, by one ``SessionFollower``; a load of a
/// session the user has moved away from before it starts is dropped. Listing has a queue of its own, so
/// a big session being read does not hold the list back. Reading threads run at a lower priority than
/// the UI's (``WorkerPriority``), so on a busy machine a key is still answered at once; a run is checked
/// on one of them and started from the UI thread, so it keeps the user's priority.
public final class SessionService: Sendable {
  /// Where sessions are read from.
  public let directory: DataDirectory
  /// Where runs list themselves.
  public let registry: RunRegistry
  /// Results waiting for the run loop.
  public let inbox = ActionInbox()
  private let cache: SummaryCache?
  private let runExecutable: String
  private let clock: @Sendable () -> Double
  private let firstScreenAfter: Duration?
  private let sessions: DispatchQueue
  private let listing: DispatchQueue
  private let registryQueue = DispatchQueue(label: "caw-tui.registry")
  private let firstScreenQueue = DispatchQueue(label: "caw-tui.first-screen")
  private let outputs = DispatchQueue(label: "caw-tui.outputs")
  private let work = DispatchGroup()
  private let reading: Mutex<Reading>
  private let latestLoad = Mutex<String?>(nil)
  private let pendingLoads = Mutex<Set<String>>([])
  private let listingsDone = Mutex(0)
  private let lastRuns = Mutex<[RunRecord]?>(nil)
  private let searchIndexDirectory: String?
  private let catalog: SessionCatalog?
  /// Where each listed native record lives (caw sessions are read from `directory`), and which are folded.
  private let nativeRows = Mutex(NativeRows())
  private let searchIndex = Mutex<SQLiteSearchIndex?>(nil)
  private let searching = DispatchQueue(label: "caw-tui.search")
  /// The search index's writer: behind the UI at `SCHED_IDLE`, so a key wakes the UI at once.
  private let indexing = WorkerThreads(count: 1, name: "caw-index", idle: true)
  private let latestSearch = Mutex<String?>(nil)

  /// What the session queue keeps between jobs.
  private struct Reading: ~Copyable {
    var follower: SessionFollower
    /// Sessions read by a refresh and not yet asked for; cleared by the next refresh.
    var freshlyRead: [String: LoadedSession] = [:]
  }

  /// How many sessions the first, partial list holds when listing is slow.
  public static let firstScreen = 120

  /// A service over `directory`; runs it starts are recorded by `runExecutable` (a caw-tui binary), and
  /// the list goes through `cache` when one is given, and the search index lives in
  /// `searchIndexDirectory` (nil: searching says there is nowhere to keep it). With a `catalog` whose origins
  /// include the agents' own stores, their sessions are listed beside caw's and read through it (read-only).
  /// A listing still going after `firstScreenAfter`
  /// shows the newest sessions first (nil: only whole lists). `clock` gives the time results are stamped
  /// with; sessions are read on `sessionQueue` and listed on `listingQueue` (serial queues a test may
  /// hold with `suspend()`).
  public init(
    directory: DataDirectory, registry: RunRegistry = RunRegistry(), cache: SummaryCache? = nil,
    runExecutable: String, searchIndexDirectory: String? = nil, catalog: SessionCatalog? = nil,
    firstScreenAfter: Duration? = .milliseconds(100),
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
    sessionQueue: DispatchQueue = DispatchQueue(label: "caw-tui.sessions"),
    listingQueue: DispatchQueue = DispatchQueue(label: "caw-tui.listing")
  ) {
    sessions = sessionQueue
    listing = listingQueue
    self.firstScreenAfter = firstScreenAfter
    self.directory = directory
    self.registry = registry
    self.cache = cache
    self.runExecutable = runExecutable
    self.searchIndexDirectory = searchIndexDirectory
    self.catalog = catalog.flatMap { $0.origins.isSubset(of: [.caw]) ? nil : $0 }
    self.clock = clock
    reading = Mutex(Reading(follower: SessionFollower(reader: SessionReader(directory))))
  }

  /// Starts `effect`: its result arrives in ``inbox`` later, except for what needs the terminal, which is
  /// done now through `terminal` and answered directly.
  public func perform(_ effect: Effect, terminal: TerminalHandoff) -> [Action] {
    switch effect {
    case .listSessions:
      list()
    case .loadSession(let id):
      latestLoad.withLock { $0 = id }
      // Asked again while it is still being read (each key re-asks for the selection): read once.
      guard pendingLoads.withLock({ $0.insert(id).inserted }) else { break }
      onSessions { reading in
        defer { self.pendingLoads.withLock { _ = $0.remove(id) } }
        guard self.latestLoad.withLock({ $0 == id }) else { return [] }
        if let fresh = reading.freshlyRead.removeValue(forKey: id) { return self.loaded(id, fresh) }
        if let native = self.loadNative(id) { return self.loaded(id, native) }
        self.outline(id, reading.follower.reader)
        return self.loaded(id, reading.follower.refresh(id))
      }
    case .reloadSession(let id):
      onSessions { reading in
        if let fresh = reading.freshlyRead.removeValue(forKey: id) { return self.loaded(id, fresh) }
        return self.loaded(id, self.loadNative(id) ?? reading.follower.refresh(id))
      }
    case .refreshSessions(let ids):
      onSessions { [self.refresh(ids, &$0)] }
    case .refreshNativeFiles(let files):
      guard let catalog else { break }
      onSessions { [self.refreshNative(catalog.changes(in: files), catalog, &$0)] }
    case .export(let path, let format, let file, let overwrite):
      onSessions { [self.export(path, format, to: file, overwrite: overwrite, &$0)] }
    case .openInteractive(let request):
      onSessions { [self.prepare(request, &$0)] }
    case .startRun(let request):
      let starter = RunStarter(directory: directory, registry: registry, executable: runExecutable)
      let native = nativeProvider(of: request)
      background(registryQueue) { [starter.prepare(request, nativeProvider: native)] }
    case .launchRun(let launch):
      return [RunStarter.launch(launch)]
    case .stopRuns(let records):
      let registry = registry
      background(registryQueue) {
        for record in records { try? registry.stop(record) }
        return []
      }
    case .handOver(let launch):
      return [terminal.interactive(launch)]
    case .copyToClipboard(let text, let label):
      terminal.copyToClipboard(text)
      return [.copied(label)]
    case .openPager(let text):
      return terminal.showInPager(text).map { [.effectFailed($0)] } ?? []
    case .readWholeOutput(let output):
      // Its own queue: a tool output shown unfolded does not wait behind a large session being read.
      background(outputs) {
        do throws(CawError) {
          return [.wholeOutputRead(output, .success(try output.read()))]
        } catch {
          return [.wholeOutputRead(output, .failure(error))]
        }
      }
    case .searchOutputs(let needle, let deferred):
      background(outputs) {
        [.outputsSearched(needle, Set(deferred.filter { (try? $0.holds(lowercased: needle)) == true }))]
      }
    case .searchEverySession(let text):
      latestSearch.withLock { $0 = text }
      background(searching) {
        // Typed on since: only the newest query is asked.
        guard self.latestSearch.withLock({ $0 == text }) else { return [] }
        do throws(CawError) {
          var query = try SearchQuery(typed: text)
          // Only the sources listed, also when the index holds others from an earlier search.
          let listed = self.catalog?.origins ?? [.caw]
          query.origins = (query.origins ?? listed).intersection(listed)
          // The hits first, then (unless another query was typed since) how many there are in all.
          let index = try self.openSearchIndex()
          let results = try index.search(query, limit: Finder.hitLimit, after: nil, counting: false)
          self.inbox.post(.searchAnswered(query: text, results, error: nil))
          guard results.next != nil else { return [.searchCounted(query: text, total: results.hits.count)] }
          guard self.latestSearch.withLock({ $0 == text }), let total = try? index.count(query) else { return [] }
          return [.searchCounted(query: text, total: total)]
        } catch {
          return [.searchAnswered(query: text, nil, error: error.message)]
        }
      }
    case .refreshIndex(let build):
      background(indexing) { self.refreshIndex(build: build) }
    case .updateIndex(let ids):
      background(indexing) {
        guard let index = self.searchIndex.withLock({ $0 }) else { return [] }
        _ = try? index.update(sessions: ids.sorted())
        return []
      }
    case .quit:
      break
    }
    return []
  }

  /// The provider whose own store holds the session `request` resumes; nil for a caw session or a new one.
  private func nativeProvider(of request: RunRequest) -> Provider? {
    guard case .resume(let id, _) = request, case .native(let origin, _, _)? = nativeRows.withLock({ $0.locations[id] })
    else { return nil }
    return origin.provider
  }

  /// Session `id` read from its agent's own store, when the listing found it there; nil for a caw session.
  private func loadNative(_ id: String) -> LoadedSession? {
    guard let catalog, let location = nativeRows.withLock({ $0.locations[id] }) else { return nil }
    return try? catalog.load(location)
  }

  /// The search index, opened (and created) the first time it is needed.
  private func openSearchIndex() throws(CawError) -> SQLiteSearchIndex {
    try searchIndex.withLock { (open: inout SQLiteSearchIndex?) throws(CawError) -> SQLiteSearchIndex in
      if let open { return open }
      guard let searchIndexDirectory else {
        throw CawError(.invalidArgument, "no cache directory for the search index: set XDG_CACHE_HOME or HOME")
      }
      let index: SQLiteSearchIndex
      if let catalog {
        index = try SQLiteSearchIndex(
          catalog: catalog, cacheDirectory: searchIndexDirectory, natives: listedNatives(catalog, cacheDirectory: searchIndexDirectory))
      } else {
        index = try SQLiteSearchIndex(dataDirectory: directory, cacheDirectory: searchIndexDirectory)
      }
      open = index
      return index
    }
  }

  /// The agents' sessions for the search index: those the list shows, once it was listed (so the stores
  /// are not listed a second time), else the catalog's own listing.
  private func listedNatives(_ catalog: SessionCatalog, cacheDirectory: String) -> NativeSearchSources? {
    guard let listing = catalog.searchSources(cacheDirectory: cacheDirectory) else { return nil }
    return NativeSearchSources(origins: listing.origins) {
      guard let shown = self.nativeRows.withLock({ $0.listed ? Array($0.locations.values) : nil }) else { return listing.list() }
      return catalog.searchSources(at: shown)
    }
  }

  /// Brings the search index up to date (building it only when `build` is set or it exists), posting
  /// its progress every two seconds (each answered by the open finder asking its query again).
  private func refreshIndex(build: Bool) -> [Action] {
    if !build {
      guard let searchIndexDirectory,
        SQLiteSearchIndex.exists(dataDirectory: directory, cacheDirectory: searchIndexDirectory)
      else { return [] }
    }
    do throws(CawError) {
      let index = try openSearchIndex()
      var posted = ContinuousClock.now
      let final = try index.refresh(
        progress: { progress in
          guard ContinuousClock.now - posted >= .seconds(2) else { return }
          posted = ContinuousClock.now
          self.inbox.post(.indexProgressed(progress))
        }, isCancelled: { false })
      return [.indexProgressed(final)]
    } catch {
      return [.indexFailed(error.message)]
    }
  }

  /// Waits until every effect started so far has posted its result (for scripts and tests; the run loop
  /// never waits).
  public func waitUntilIdle() { work.wait() }

  /// The runs recording sessions of this data directory.
  public func activeRuns() -> [RunRecord] {
    let data = URL(fileURLWithPath: directory.path).standardizedFileURL.path
    return registry.activeRuns().filter { $0.dataDirectory == data }
  }

  /// Looks at the run registry and posts `.runsChanged` when the runs recording sessions of this data
  /// directory are not those last posted.
  public func lookAtRuns() {
    background(registryQueue) {
      let current = self.activeRuns()
      return self.lastRuns.withLock { last in
        guard last != current else { return [] }
        last = current
        return [.runsChanged(current)]
      }
    }
  }

  private func background(_ queue: DispatchQueue, _ job: @escaping @Sendable () -> [Action]) {
    work.enter()
    queue.async {
      WorkerPriority.lowerCurrentThread()
      self.deliver(job)
    }
  }

  private func background(_ threads: WorkerThreads, _ job: @escaping @Sendable () -> [Action]) {
    work.enter()
    threads.async { self.deliver(job) }
  }

  /// Runs `job` and posts its actions (the end of a piece of work begun by `background`).
  private func deliver(_ job: @Sendable () -> [Action]) {
    for action in job() { inbox.post(action) }
    work.leave()
  }

  private func onSessions(_ job: @escaping @Sendable (inout Reading) -> [Action]) {
    background(sessions) { self.reading.withLock { job(&$0) } }
  }

  /// Posts the outline of a large session (its turns without their text, a fraction of the time of a
  /// whole read), so its timeline shows while the rest is read.
  private func outline(_ id: String, _ reader: SessionReader) {
    guard (try? SessionID.validateForReading(id)) != nil,
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: directory.sessionsPath + "/" + id + "/trajectory.json"),
      (attributes[.size] as? Int ?? 0) >= Self.outlineFrom,
      let outline = reader.outline(named: id)
    else { return }
    inbox.post(.sessionOutlined(id: id, outline))
  }

  /// The size of `trajectory.json` from which a session's outline is shown before it is read whole.
  public static let outlineFrom = 8 << 20

  /// The actions for a session read: for a caw session whose agent's own record is folded into it, what
  /// that record adds (outputs caw left empty, subagents it did not record) first, then the session with
  /// them filled in.
  private func loaded(_ id: String, _ loaded: LoadedSession) -> [Action] {
    let plain = Action.sessionLoaded(id: id, loaded.trajectory, error: loaded.brokenReason)
    guard let catalog, loaded.origin == .caw, let t = loaded.trajectory,
      let record = nativeRows.withLock({ $0.records[id] }), case .native(let origin, _, _) = record
    else { return [plain] }
    guard let native = (try? catalog.load(record))?.trajectory else { return [.nativeAdditionsFound(id: id, nil), plain] }
    let additions = NativeAdditions(caw: t, native: native)
    guard !additions.isEmpty else { return [.nativeAdditionsFound(id: id, nil), plain] }
    return [
      .nativeAdditionsFound(id: id, LinkedAdditions(origin: origin, additions: additions)),
      .sessionLoaded(id: id, additions.applied(to: t), error: loaded.brokenReason),
    ]
  }

  /// Lists every session; when that is still going after `firstScreenAfter`, the newest ``firstScreen``
  /// are read and shown first.
  private func list() {
    if let catalog {
      listCatalog(catalog)
      return
    }
    let generation = listingsDone.withLock { $0 } + 1
    let reader = SessionReader(directory)
    let cache = cache
    background(listing) {
      defer { self.listingsDone.withLock { $0 = max($0, generation) } }
      do throws(CawError) {
        let summaries = try reader.listSessions(cache: cache)
        let now = self.clock()
        self.inbox.post(.sessionsListed(summaries, now: now))
        // The filter's texts, so the first character typed finds them built.
        return [.searchTextsBuilt(SearchTextBatch(summaries: summaries, now: now))]
      } catch {
        return [.listingFailed(error.description)]
      }
    }
    guard let delay = firstScreenAfter else { return }
    work.enter()
    let milliseconds = Int(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)
    // A serial queue of its own gets a thread of its own, even while the listing keeps the shared ones busy.
    firstScreenQueue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
      defer { self.work.leave() }
      WorkerPriority.lowerCurrentThread()
      guard self.listingsDone.withLock({ $0 < generation }), let ids = try? reader.idsNewestFirst(),
        ids.count > Self.firstScreen
      else { return }
      let first = SessionReader.inParallel(Self.firstScreen) { reader.summarise(ids[$0]) }
      // Posted only while the whole list is still coming, so it never replaces a complete one.
      self.listingsDone.withLock { done in
        if done < generation { self.inbox.post(.sessionsListedPartly(first, total: ids.count, now: self.clock())) }
      }
    }
  }

  /// Lists the caw tree and the agents' stores through `catalog` (each store through its index), keeping
  /// where each native record lives for reading it later.
  private func listCatalog(_ catalog: SessionCatalog) {
    let cacheDirectory = cache?.directory
    background(listing) {
      let listing = catalog.list(cacheDirectory: cacheDirectory)
      self.nativeRows.withLock { $0 = NativeRows(listing: listing.summaries, folding: catalog.origins.contains(.caw)) }
      if listing.summaries.isEmpty, let failure = listing.failures.values.first {
        return [.listingFailed(failure)]
      }
      let now = self.clock()
      self.inbox.post(.sessionsListed(listing.summaries, now: now))
      return [.searchTextsBuilt(SearchTextBatch(summaries: listing.summaries, now: now))]
    }
  }

  private func refresh(_ ids: Set<String>, _ reading: inout Reading) -> Action {
    reading.freshlyRead.removeAll()
    var summaries: [SessionSummary] = []
    var removed: Set<String> = []
    for id in ids.sorted() {
      guard (try? SessionID.validateForReading(id)) != nil,
        FileManager.default.fileExists(atPath: directory.sessionsPath + "/" + id)
      else {
        removed.insert(id)
        reading.follower.forget(id)
        continue
      }
      let loaded = reading.follower.refresh(id)
      reading.freshlyRead[id] = loaded
      summaries.append(SessionSummary(loaded))
    }
    // A caw session that now names its native record (its run just began) takes that record's row.
    removed.formUnion(nativeRows.withLock { $0.cawRead(summaries) })
    return .sessionsRefreshed(summaries, removed: removed, now: clock())
  }

  /// Whether the caw tree holds a session `id`.
  private func isCawSession(_ id: String) -> Bool {
    (try? SessionID.validateForReading(id)) != nil && FileManager.default.fileExists(atPath: directory.sessionsPath + "/" + id)
  }

  /// Reads again the native sessions that changed (each whole, kept for the load that follows), lists
  /// opencode's again when its store changed, and has the search index follow.
  private func refreshNative(_ changes: SessionCatalog.Changes, _ catalog: SessionCatalog, _ reading: inout Reading) -> Action {
    var summaries: [SessionSummary] = []
    var removed: Set<String> = []
    var read: [SessionCatalog.Location] = []
    for location in changes.locations {
      guard let key = location.key, FileManager.default.fileExists(atPath: key) else {
        if nativeRows.withLock({ $0.locations[location.id] != nil }) {
          removed.insert(location.id)
          nativeRows.withLock { $0.forget(location.id) }
        }
        continue
      }
      // A record imported under its own id is read as that caw session.
      guard !isCawSession(location.id), let loaded = try? catalog.load(location) else { continue }
      let summary = SessionSummary(loaded)
      guard !nativeRows.withLock({ $0.isFolded(summary) }) else { continue }
      nativeRows.withLock { $0.shown(summary) }
      reading.freshlyRead[summary.id] = loaded
      summaries.append(summary)
      read.append(location)
    }
    if changes.opencode {
      let listed = catalog.listNative(.opencode, cacheDirectory: cache?.directory)
      let present = Set(listed.map(\.id))
      nativeRows.withLock { rows in
        for (id, location) in rows.locations where !present.contains(id) {
          if case .native(.opencode, _, _) = location {
            removed.insert(id)
            rows.forget(id)
          }
        }
        for summary in listed where !rows.isFolded(summary) && !isCawSession(summary.id) {
          rows.shown(summary)
          summaries.append(summary)
          read.append(SessionCatalog.location(of: summary))
        }
      }
    }
    if let index = searchIndex.withLock({ $0 }), !read.isEmpty {
      let changed = read
      background(indexing) {
        _ = try? index.update(natives: catalog.searchSources(at: changed))
        return []
      }
    }
    return .sessionsRefreshed(summaries, removed: removed, now: clock())
  }

  /// The agent's own UI for a session or a new one, ready to be handed the terminal.
  private func prepare(_ request: InteractiveRequest, _ reading: inout Reading) -> Action {
    let environment = ProcessInfo.processInfo.environment
    do throws(CawError) {
      switch request {
      case .session(let id):
        guard let trajectory = (loadNative(id) ?? reading.follower.refresh(id)).trajectory else {
          throw CawError(.unreadable, "Cannot open \(id.prefix(8)): the session cannot be read")
        }
        let invocation = try InteractiveInvocation.resume(trajectory, environment: environment)
        return .interactiveReady(
          InteractiveLaunch(sessionID: id, invocation: invocation, name: TextSanitizer.singleLine(trajectory.agent)))
      case .start(let values):
        let settings = try RunStarter.settings(values)
        let invocation = try InteractiveInvocation.start(settings, prompt: values.prompt, environment: environment)
        return .interactiveReady(
          InteractiveLaunch(sessionID: nil, invocation: invocation, name: settings.provider.rawValue))
      }
    } catch {
      return .effectFailed(error.message)
    }
  }

  private func export(
    _ path: TrajectoryPath, _ format: ExportFormat, to file: String, overwrite: Bool, _ reading: inout Reading
  ) -> Action {
    let loaded = loadNative(path.sessionID) ?? reading.follower.refresh(path.sessionID, budget: .unlimited, kept: false)
    guard var trajectory = loaded.trajectory else {
      return .effectFailed("Cannot export \(path.sessionID.prefix(8)): \(loaded.brokenReason ?? "unreadable")")
    }
    for step in path.steps {
      guard trajectory.turns.indices.contains(step.turn),
        trajectory.turns[step.turn].output.indices.contains(step.block),
        let sub = trajectory.turns[step.turn].output[step.block].toolUse?.subagentTrajectory
      else { return .effectFailed("The subagent trajectory is no longer there") }
      trajectory = sub
    }
    let absolute = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL.path
    if !overwrite, FileManager.default.fileExists(atPath: absolute) {
      return .exportNeedsConfirmation(path, format, path: absolute)
    }
    let bytes = format.bytes(trajectory)
    do {
      try TrajectoryExport.write(bytes, to: absolute, overwrite: true)
    } catch {
      return .effectFailed("Export failed: \(error.message)")
    }
    return .exported(path: absolute, bytes: bytes.count)
  }
}
