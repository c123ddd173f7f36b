/// The run loop: render the state, present it, wait for an event, reduce it, perform the effects.
///
/// One loop owns the screen (curses is not thread-safe). Effects are handed to `perform`, which starts
/// them and answers at once with what it could do on the spot; results of work done elsewhere arrive
/// through `background`, which the loop looks at between events, so a key is answered whatever is
/// loading.
public struct AppLoop<S: Screen> {
  /// The screen frames go to.
  public var screen: S
  /// The state.
  public var state: AppState
  /// The reducer.
  public let reducer: Reducer
  /// Performs an effect and returns the actions it produced.
  public let perform: (Effect) throws -> [Action]
  /// Actions that arrived from elsewhere since the last look (effects' results, files changing, runs,
  /// the clock).
  public let background: () -> [Action]
  /// Blocks until the work started by effects so far has posted its results (used by ``settle()``).
  public let waitForBackground: () -> Void

  /// A loop over `screen`, starting from `state`.
  public init(
    screen: S, state: AppState, reducer: Reducer = Reducer(), perform: @escaping (Effect) throws -> [Action],
    background: @escaping () -> [Action] = { [] }, waitForBackground: @escaping () -> Void = {}
  ) {
    self.screen = screen
    self.state = state
    self.reducer = reducer
    self.perform = perform
    self.background = background
    self.waitForBackground = waitForBackground
  }

  /// Waits for the work effects started and reduces its results, until nothing more is pending: for
  /// scripts and tests that want the screen as it is once everything asked for has been read.
  public mutating func settle() throws {
    while true {
      waitForBackground()
      let actions = background()
      if actions.isEmpty { return }
      for action in actions { try send(action) }
    }
  }

  /// Sends `action` and everything its effects produce through the reducer.
  public mutating func send(_ action: Action) throws {
    var queue = [action]
    while !queue.isEmpty {
      let next = queue.removeFirst()
      for effect in reducer.reduce(&state, next) {
        queue += try perform(effect)
      }
    }
  }

  /// Runs until the user quits, or (with `stopWhenIdle`) until the screen has no event left; then each
  /// event is handled only once the work before it has settled, as a script expects. A frame is drawn
  /// only after something happened; `poll` is how often background actions are looked at.
  public mutating func run(stopWhenIdle: Bool = false, poll: Duration = .milliseconds(250)) throws {
    try send(.terminalResized(screen.size))
    try screen.present(AppView.render(state, keymap: reducer.keymap))  // "Reading sessions…" while listing
    try send(.sessionsRequested)
    var dirty = true
    while !state.quitting {
      if stopWhenIdle { try settle() }
      for action in background() {
        try send(action)
        dirty = true
      }
      if dirty { try screen.present(AppView.render(state, keymap: reducer.keymap)) }
      dirty = false
      guard let event = try screen.nextEvent(timeout: poll) else {
        if stopWhenIdle { return }
        continue
      }
      dirty = true
      switch event {
      case .key(let key): try send(.keyPressed(key))
      case .mouse(let mouse): try send(.mouseUsed(mouse))
      case .resize(let size): try send(.terminalResized(size))
      }
    }
  }
}
