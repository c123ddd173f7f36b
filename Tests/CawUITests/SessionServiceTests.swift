import CawApp
import CawCore
import CawUI
import Dispatch
import TestSupport
import Testing

/// The reducer with the real session service, without a terminal: effects are started, keys are answered
/// while they run, and their results come back as actions.
@Suite("The session service with the reducer")
struct SessionServiceTests {
  /// A loop over the service, on an in-memory screen.
  private static func loop(_ service: SessionService) -> AppLoop<InMemoryScreen> {
    let size = Size(width: 120, height: 40)
    return AppLoop(
      screen: InMemoryScreen(size: size), state: AppState(dataDirectory: "t", size: size, now: 1_795_000_000),
      perform: { service.perform($0, terminal: TerminalHandoff()) }, background: service.inbox.take,
      waitForBackground: service.waitUntilIdle)
  }

  /// A tree of `count` generated sessions and a service over it whose session queue is held
  /// (suspended) until the test resumes it.
  private static func heldSessions(
    _ count: Int
  ) throws -> (tree: TempTree, ids: [String], service: SessionService, held: DispatchQueue) {
    let tree = TempTree("caw-service")
    let ids = try SyntheticTree(sessionCount: count, largeSessionMegabytes: 0).write(to: tree.path + "/caw_data")
    let held = DispatchQueue(label: "held sessions")
    let service = SessionService(
      directory: DataDirectory(tree.path + "/caw_data"), runExecutable: "/nonexistent", firstScreenAfter: nil,
      sessionQueue: held)
    held.suspend()
    return (tree, ids, service, held)
  }

  /// A service over the tree's `caw_data` and a loop that has listed it (the first session read).
  private static func listed(_ tree: TempTree) throws -> (AppLoop<InMemoryScreen>, SessionService) {
    let service = SessionService(
      directory: DataDirectory(tree.path + "/caw_data"), runExecutable: "/nonexistent", firstScreenAfter: nil)
    var loop = Self.loop(service)
    try loop.send(.sessionsRequested)
    try loop.settle()
    return (loop, service)
  }

  @Test("keys are answered while sessions wait to be read; a load the user moved away from is dropped")
  func keysDoNotWaitAndStaleLoadsAreDropped() throws {
    let (tree, ids, service, held) = try Self.heldSessions(6)
    defer { withExtendedLifetime(tree) {} }
    var loop = Self.loop(service)
    try loop.send(.sessionsRequested)
    try waitUntil("the list", observe: { "\(loop.state.summaries.count)" }) {
      for action in loop.background() { try loop.send(action) }
      return loop.state.listed
    }
    #expect(loop.state.selectedID == ids[0])
    // Nothing has been read yet: the keys move the selection all the same.
    for _ in 0..<3 { try loop.send(.keyPressed(.down)) }
    #expect(loop.state.selectedID == ids[3])
    #expect(loop.state.trajectories.isEmpty)
    #expect(AppView.render(loop.state).text.contains("Loading"))
    held.resume()
    try loop.settle()
    #expect(Set(loop.state.trajectories.keys) == [ids[3]], "only the session still selected is read")
    #expect(loop.state.trajectories[ids[3]]?.sessionID == ids[3])
  }

  @Test("a session shown and changed on disk is read again even when another load follows")
  func reloadsAreNeverDropped() throws {
    let (tree, ids, service, held) = try Self.heldSessions(3)
    defer { withExtendedLifetime(tree) {} }
    _ = service.perform(.reloadSession(id: ids[0]), terminal: TerminalHandoff())
    _ = service.perform(.loadSession(id: ids[1]), terminal: TerminalHandoff())
    _ = service.perform(.loadSession(id: ids[2]), terminal: TerminalHandoff())
    held.resume()
    service.waitUntilIdle()
    let loaded = service.inbox.take().compactMap { action -> String? in
      guard case .sessionLoaded(let id, let t, _) = action, t != nil else { return nil }
      return id
    }
    #expect(loaded == [ids[0], ids[2]])
  }

  @Test("a session asked for again while it waits to be read is read once")
  func repeatedLoadsAreReadOnce() throws {
    let (tree, ids, service, held) = try Self.heldSessions(2)
    defer { withExtendedLifetime(tree) {} }
    for _ in 0..<5 { _ = service.perform(.loadSession(id: ids[0]), terminal: TerminalHandoff()) }
    held.resume()
    service.waitUntilIdle()
    let loads = service.inbox.take().filter { if case .sessionLoaded = $0 { true } else { false } }
    #expect(loads.count == 1)
    _ = service.perform(.loadSession(id: ids[0]), terminal: TerminalHandoff())
    service.waitUntilIdle()
    #expect(service.inbox.take().count == 1, "once read, it can be asked for again")
  }

  @Test("a slow listing shows the newest sessions first, then the whole list")
  func slowListingsShowTheNewestFirst() throws {
    let tree = TempTree("caw-service")
    let ids = try SyntheticTree(sessionCount: 200, largeSessionMegabytes: 0).write(to: tree.path + "/caw_data")
    let held = DispatchQueue(label: "held listing")
    let service = SessionService(
      directory: DataDirectory(tree.path + "/caw_data"), runExecutable: "/nonexistent", firstScreenAfter: .zero,
      listingQueue: held)
    var loop = Self.loop(service)
    held.suspend()
    try loop.send(.sessionsRequested)
    try waitUntil("the first screen", observe: { "\(loop.state.summaries.count)" }) {
      for action in loop.background() { try loop.send(action) }
      return loop.state.listed
    }
    #expect(loop.state.summaries.map(\.id) == Array(ids.prefix(SessionService.firstScreen)))
    #expect(loop.state.listingTotal == 200)
    #expect(
      AppView.render(loop.state).text.contains("\(SessionService.firstScreen)/200 · sort newest · reading the rest…"))
    try loop.send(.keyPressed(.down))
    #expect(loop.state.selectedID == ids[1])
    held.resume()
    try loop.settle()
    #expect(loop.state.summaries.count == 200)
    #expect(loop.state.listingTotal == nil)
    #expect(loop.state.selectedID == ids[1], "the selection stays where the user put it")
    #expect(AppView.render(loop.state).text.contains("200/200 · sort newest"))
  }

  @Test("loaded sessions are kept within a bound; the selected and open ones stay")
  func loadedSessionsAreBounded() throws {
    let tree = TempTree("caw-service")
    let count = AppState.loadedLimit + 5
    let ids = try SyntheticTree(sessionCount: count, largeSessionMegabytes: 0).write(to: tree.path + "/caw_data")
    let service = SessionService(
      directory: DataDirectory(tree.path + "/caw_data"), runExecutable: "/nonexistent", firstScreenAfter: nil)
    var loop = Self.loop(service)
    try loop.send(.sessionsRequested)
    try loop.settle()
    for _ in 1..<count {
      try loop.send(.keyPressed(.down))
      try loop.settle()
    }
    #expect(loop.state.selectedID == ids[count - 1])
    #expect(loop.state.trajectories.count == AppState.loadedLimit)
    #expect(loop.state.trajectories[ids[count - 1]] != nil)
    #expect(loop.state.trajectories[ids[0]] == nil, "the least recently read went first")
  }

  @Test("a large session's outline is shown first, its turns without text, then the whole session")
  func largeSessionsShowTheirOutlineFirst() throws {
    let tree = TempTree("caw-service")
    var synthetic = SyntheticTree(sessionCount: 3, largeSessionMegabytes: 10)
    synthetic.largeSessionIndex = 0
    let ids = try synthetic.write(to: tree.path + "/caw_data")
    let service = SessionService(
      directory: DataDirectory(tree.path + "/caw_data"), runExecutable: "/nonexistent", firstScreenAfter: nil)
    var state = AppState(dataDirectory: "t", size: Size(width: 140, height: 40), now: 1_795_000_000)
    let reducer = Reducer()
    _ = service.perform(.listSessions, terminal: TerminalHandoff())
    service.waitUntilIdle()
    var effects: [Effect] = []
    for action in service.inbox.take() { effects += reducer.reduce(&state, action) }
    #expect(effects == [.loadSession(id: ids[0]), .refreshIndex(build: false)])
    _ = service.perform(.loadSession(id: ids[0]), terminal: TerminalHandoff())
    service.waitUntilIdle()
    let actions = service.inbox.take()
    guard actions.count == 2, case .sessionOutlined(let id, let outline) = actions[0],
      case .sessionLoaded(ids[0], let whole?, nil) = actions[1]
    else {
      Issue.record("expected an outline, then the session: \(actions.map { "\($0)".prefix(80) })")
      return
    }
    #expect(id == ids[0])
    #expect(outline.turns.count == whole.turns.count)
    #expect(outline.turns.map(\.usage) == whole.turns.map(\.usage))
    #expect(outline.turns.map(\.input) == whole.turns.map(\.input))
    #expect(whole.turns.contains { $0.output.contains { !($0.toolUse?.output.isEmpty ?? true) } })
    #expect(!outline.turns.contains { $0.output.contains { !($0.toolUse?.output.isEmpty ?? true) } })
    _ = reducer.reduce(&state, actions[0])
    let outlined = AppView.render(state).text
    let last = whole.turns.count - 1
    #expect(outlined.contains("  \(last) \(String(whole.turns[last].input.prefix(12)))"), "the last turn's row")
    #expect(outlined.contains("reading its text…"))
    _ = reducer.reduce(&state, actions[1])
    #expect(state.outlines.isEmpty)
    #expect(!AppView.render(state).text.contains("reading its text…"))
  }

  @Test("a large session's long tool outputs stay in the file until unfolded, then are read whole by the service")
  func longOutputsAreReadWhenUnfolded() throws {
    let tree = TempTree("caw-service")
    var synthetic = SyntheticTree(sessionCount: 1, largeSessionMegabytes: 9)
    synthetic.largeSessionIndex = 0
    let id = try synthetic.write(to: tree.path + "/caw_data")[0]
    var (loop, service) = try Self.listed(tree)
    let shown = try #require(loop.state.trajectories[id])
    let full = try #require(SessionReader(DataDirectory(tree.path + "/caw_data")).loadDirectory(named: id).trajectory)
    // The first long output: held as its head only.
    var place: BlockPlace?
    for (t, turn) in shown.turns.enumerated() {
      for (b, block) in turn.output.enumerated() where block.toolUse?.deferredOutput != nil && place == nil {
        place = BlockPlace(turn: t, block: b)
      }
    }
    let step = try #require(place, "a long output is left in the file")
    let call = try #require(shown.turns[step.turn].output[step.block].toolUse)
    let whole = try #require(full.turns[step.turn].output[step.block].toolUse?.output)
    #expect(call.output.utf8.count < 20 << 10 && whole.utf8.count > 32 << 10)
    let lastLine = try #require(whole.split(separator: "\n").last.map(String.init))

    loop.state.stack = [PageState(.browser), PageState(.toolCall(TrajectoryPath(sessionID: id), step))]
    try loop.send(.terminalResized(Size(width: 120, height: 40)))
    #expect(
      AppView.render(loop.state).text.contains("Output  \(TextWrap.lineCount(whole)) lines"),
      "the whole output's line count")
    try loop.send(.keyPressed(.character("w")))
    #expect(loop.state.askedOutputs.contains(try #require(call.deferredOutput)))
    try loop.settle()
    #expect(loop.state.wholeOutputs[try #require(call.deferredOutput)] == whole)
    let lines = Documents.lines(loop.state).map(\.text)
    let fragment = String(TextSanitizer.singleLine(String(lastLine.split(separator: "\t").last ?? "")).prefix(30))
    #expect(
      lines.contains { $0.contains(fragment) }, "the output's last line is shown: \(fragment) in \(lines.suffix(3))")
    #expect(fragment.count > 10)
    #expect(!lines.contains { $0.contains("reading the whole output") })
    // Folded and unfolded again: read once.
    try loop.send(.keyPressed(.character("w")))
    try loop.send(.keyPressed(.character("w")))
    service.waitUntilIdle()
    #expect(loop.background().isEmpty)
  }

  @Test("a transcript search finds text deep in an output left in its file, opens its turn and then the call")
  func searchFindsTextInOutputsLeftInTheFile() throws {
    let tree = TempTree("caw-service")
    let id = "5e4c1a3b-7d2e-4f60-9a8b-0c1d2e3f4a5b"
    // Two outputs of 5 and 4 MB (so the view's read leaves them in the file), the word only in the first
    // one's last line.
    let lines = (0..<200_000).map { "line \($0) of the build log" } + ["the Zebra-Needle at the end"]
    let call = ToolUse(
      id: "call-1", name: "Bash", arguments: ["command": "make"], output: lines.joined(separator: "\n"))
    let other = ToolUse(
      id: "call-2", name: "Bash", arguments: ["command": "make test"],
      output: (0..<150_000).map { "test \($0) passed, no needle" }.joined(separator: "\n"))
    let trajectory = Trajectory(
      agent: "claude_code", model: "claude-sonnet-4-5", sessionID: id, createdAt: "2026-12-01T10:00:00+00:00",
      completedAt: "2026-12-01T10:05:00+00:00",
      turns: [
        Turn(input: "build it", output: [.text("building"), .toolUse(call)]),
        Turn(input: "and now?", output: [.text("testing"), .toolUse(other)]),
      ])
    tree.write("caw_data/sessions/\(id)/trajectory.json", bytes: trajectory.trajectoryFileBytes())
    var (loop, _) = try Self.listed(tree)
    let shown = try #require(loop.state.trajectories[id])
    let deferred = try #require(shown.turns[0].output[1].toolUse?.deferredOutput)
    #expect(shown.turns[0].output[1].toolUse?.output.contains("Zebra") == false, "the head does not hold it")

    let path = TrajectoryPath(sessionID: id)
    loop.state.stack = [PageState(.browser), PageState(.transcript(path, turn: 1))]
    try loop.send(.keyPressed(.character("/")))
    for c in "zebra-needle" { try loop.send(.keyPressed(.character(c))) }
    try loop.send(.keyPressed(.enter))
    let inFile = Set(shown.turns.flatMap { $0.output.compactMap { $0.toolUse?.deferredOutput } })
    #expect(inFile.count == 2)
    #expect(loop.state.outputSearch == OutputSearch(needle: "zebra-needle", searched: inFile))
    #expect(AppView.render(loop.state).text.contains("searching long tool outputs for \"zebra-needle\"…"))
    try loop.settle()
    #expect(loop.state.outputSearch?.hits == [deferred])
    #expect(loop.state.page == .transcript(path, turn: 0), "the search went on into the turn whose output holds it")
    let search = try #require(loop.state.search)
    #expect(search.matches.count == 1)
    let row = try #require(search.matches.first)
    #expect(Documents.lines(loop.state)[row].heading == .toolCall, "the match is the tool call's heading")
    #expect(loop.state.stack.last?.scroll.cursor == row)

    // Enter opens the call: its output is read whole and the search lands on the line.
    try loop.send(.keyPressed(.enter))
    try loop.settle()
    #expect(loop.state.wholeOutputs[deferred]?.hasSuffix("the Zebra-Needle at the end") == true)
    let inCall = try #require(loop.state.search)
    #expect(inCall.matches.count == 1)
    let lineRow = try #require(inCall.matches.first)
    #expect(Documents.lines(loop.state)[lineRow].text.contains("the Zebra-Needle at the end"))

    // The session read again (its file rewritten) has new outputs: the same query searches them afresh.
    tree.write("caw_data/sessions/\(id)/trajectory.json", bytes: trajectory.trajectoryFileBytes())
    try loop.send(.filesChanged(SessionChange(sessionIDs: [id])))
    try loop.settle()
    let reread = try #require(loop.state.trajectories[id]?.turns[0].output[1].toolUse?.deferredOutput)
    #expect(reread != deferred, "the rewritten file is another file state")
    loop.state.search = nil
    loop.state.stack = [PageState(.browser), PageState(.transcript(path, turn: 1))]
    try loop.send(.keyPressed(.character("/")))
    for c in "zebra-needle" { try loop.send(.keyPressed(.character(c))) }
    try loop.send(.keyPressed(.enter))
    try loop.settle()
    #expect(loop.state.outputSearch?.hits == [reread])
    #expect(loop.state.page == .transcript(path, turn: 0), "found again in the output read again")
  }
}
