import CawApp
import CawCore
import CawUI
import Foundation

extension Benchmarks {
  /// The TUI's own path: the app loop with the real session service on an in-memory screen at 160x48,
  /// every frame drawn. Times are from the key (or the start) to the frame that shows the result.
  func tuiFigures() throws -> [Figure] {
    var figures: [Figure] = []
    var firstList: [Double] = []
    var wholeList: [Double] = []
    for _ in 0..<max(runs, 1) {
      var app = TUIPath(tree.dataDirectory)
      let start = DispatchTime.now().uptimeNanoseconds
      try app.send(.sessionsRequested)
      try app.waitFor { $0.listed }
      firstList.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      // The rest of the list, before anything else is timed.
      try app.waitFor { $0.listed && $0.listingTotal == nil && $0.summaries.count == tree.sessions }
      wholeList.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      app.waitUntilIdle()
    }
    let median = { (values: [Double]) in values.sorted()[values.count / 2] }
    figures.append(
      Figure(
        name: "TUI: first list frame, no index (\(tree.sessions) sessions)", value: median(firstList), unit: "ms",
        target: .atMost(300)))
    figures.append(Figure(name: "TUI: whole list shown, no index", value: median(wholeList), unit: "ms"))
    figures += try listKeyFigures()
    guard let large = tree.largeSession.map({ URL(fileURLWithPath: $0).lastPathComponent }) else { return figures }
    var firstScreen: [Double] = []
    var whole: [Double] = []
    var keys: [Double] = []
    for _ in 0..<max(runs, 1) {
      var app = TUIPath(tree.dataDirectory)
      try app.send(.sessionsListed([SessionReader(DataDirectory(tree.dataDirectory)).summarise(large)], now: 0))
      let start = DispatchTime.now().uptimeNanoseconds
      try app.waitFor { $0.trajectoryOrOutline(large) != nil }
      firstScreen.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      // Keys while the rest is read: focus moves between panes, each answered with a frame.
      while app.loop.state.trajectories[large] == nil {
        let key = DispatchTime.now().uptimeNanoseconds
        try app.send(.keyPressed(.tab))
        keys.append(Double(DispatchTime.now().uptimeNanoseconds - key) / 1e6)
        try app.drain()
        usleep(10_000)  // a fast typist
      }
      whole.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      app.waitUntilIdle()
    }
    figures.append(
      Figure(
        name: "TUI: large session's first timeline frame (outline)", value: median(firstScreen), unit: "ms",
        target: .atMost(300)))
    figures.append(Figure(name: "TUI: large session read whole (text shown)", value: median(whole), unit: "ms"))
    if !keys.isEmpty {
      figures.append(
        Figure(
          name: "TUI: a key while it is read, slowest of \(keys.count)", value: keys.max() ?? 0, unit: "ms",
          target: .atMost(16)))
    }
    // The terminal's memory with the whole list read and the large session open (found by typing its id in
    // the filter), its first turn's transcript shown: `caw-tui render` as a process.
    let rendered = try Measure.medianRun(
      runs: runs, cawTUI,
      [
        "render", "--data-dir", tree.dataDirectory, "--size", "160x48", "--keys",
        (["/"] + large.prefix(9).map(String.init) + ["Enter", "Tab", "Enter", "Enter"]).joined(separator: " "),
      ],
      environment: ["PATH": "/usr/bin:/bin"])
    guard rendered.output.contains("Sessions › \(large.prefix(8)) › turn 0") else {
      throw BenchError("`caw-tui render` did not open the large session: \(rendered.output.prefix(300))")
    }
    figures.append(
      Figure(
        name: "TUI: peak RSS, \(tree.sessions) sessions listed, large session open", value: rendered.peakMiB,
        unit: "MiB", target: .atMost(120)))
    return figures
  }
}

extension Benchmarks {
  /// Keys on the whole list, each reduced and its frame drawn: a filter typed letter by letter, the
  /// sort cycled, and one session's files changing (the follower's refresh, to the frame showing it).
  func listKeyFigures() throws -> [Figure] {
    var app = TUIPath(tree.dataDirectory)
    try app.send(.sessionsRequested)
    try app.waitFor { $0.listed && $0.listingTotal == nil && $0.summaries.count == tree.sessions }
    app.waitUntilIdle()
    try app.drain()
    var typing: [Double] = []
    var sorting: [Double] = []
    var refresh: [Double] = []
    for _ in 0..<max(runs, 1) {
      for key in [Key.character("/")] + "claude".map(Key.character) + [.enter] {
        let start = DispatchTime.now().uptimeNanoseconds
        try app.send(.keyPressed(key))
        typing.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      for _ in 0..<4 {
        let start = DispatchTime.now().uptimeNanoseconds
        try app.send(.keyPressed(.character("s")))
        sorting.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      try app.send(.keyPressed(.escape))
      // The keys select other sessions, which are read; the refresh is timed on its own, not behind them.
      app.waitUntilIdle()
      try app.drain()
      // A typical session from the middle of the list (not the large one, which the generator puts there).
      let summaries = app.loop.state.summaries
      let id =
        summaries[(summaries.count / 2)...].first { $0.id != SyntheticTree.largeSessionID }?.id ?? summaries[0].id
      let path = tree.dataDirectory + "/sessions/" + id + "/trajectory.json"
      utimes(path, nil)
      let start = DispatchTime.now().uptimeNanoseconds
      try app.send(.filesChanged(SessionChange(sessionIDs: [id])))
      try app.waitFor { state in
        state.summaries.first { $0.id == id }.map { abs($0.lastModified - Self.modificationTime(path)) < 1e-6 } ?? false
      }
      refresh.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      app.waitUntilIdle()
    }
    return [
      Figure(
        name: "TUI: keystroke typing a list filter, slowest", value: typing.max() ?? 0, unit: "ms", target: .atMost(16)),
      Figure(
        name: "TUI: keystroke cycling the sort, slowest", value: sorting.max() ?? 0, unit: "ms", target: .atMost(16)),
      Figure(
        name: "TUI: one session's files change → its row redrawn", value: Measure.middle(refresh), unit: "ms",
        target: .atMost(50)),
    ]
  }

  private static func modificationTime(_ path: String) -> Double {
    var st = stat()
    guard lstat(path, &st) == 0 else { return 0 }
    return Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
  }
}

/// The app loop over the real session service, for timing; frames are drawn into a cell grid as the
/// terminal's would be, and not kept.
struct TUIPath {
  var loop: AppLoop<InMemoryScreen>
  let service: SessionService

  init(_ dataDirectory: String, searchIndexDirectory: String? = nil) {
    let service = SessionService(
      directory: DataDirectory(dataDirectory), runExecutable: "/nonexistent", searchIndexDirectory: searchIndexDirectory)
    self.service = service
    loop = AppLoop(
      screen: InMemoryScreen(size: FrameRenderer.size),
      state: AppState(dataDirectory: "bench", size: FrameRenderer.size, now: Date().timeIntervalSince1970),
      perform: { service.perform($0, terminal: TerminalHandoff()) }, background: service.inbox.take)
  }

  /// Sends an action and draws the frame that follows.
  mutating func send(_ action: Action) throws {
    try loop.send(action)
    _ = AppView.render(loop.state)
  }

  /// Takes what the service posted and draws a frame when there was something.
  mutating func drain() throws {
    let actions = loop.background()
    for action in actions { try loop.send(action) }
    if !actions.isEmpty { _ = AppView.render(loop.state) }
  }

  /// Waits until the service has nothing left to do (untimed: between figures).
  func waitUntilIdle() { service.waitUntilIdle() }

  /// Drains until `done` holds for the state, drawing each change.
  mutating func waitFor(_ done: (AppState) -> Bool) throws {
    while !done(loop.state) {
      try drain()
      if !done(loop.state) { usleep(200) }
    }
  }
}
