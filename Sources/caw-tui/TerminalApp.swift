import CawCore
import CawNCurses
import CawUI
import Foundation
import Synchronization

/// Runs the TUI on a terminal: the ncurses screen, the run loop, the effects, and the background
/// sources — the file watcher (live follow), the run registry and the clock.
enum TerminalApp {
  /// Browses `directory` (titled `label`) until the user quits; the terminal is restored on every way
  /// out. Returns the sessions started or resumed in it.
  static func run(_ directory: DataDirectory, label: String, isDemo: Bool, theme: Theme) throws -> [String] {
    let watcher = SessionWatcher(directory)
    defer { watcher.stop() }
    let inbox = ActionInbox()
    let watching = Task.detached {
      for await change in watcher.changes { inbox.post(.filesChanged(change)) }
    }
    defer { watching.cancel() }
    return try NCursesScreen(theme: theme).run { screen in
      let cache = isDemo ? nil : SummaryCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        .map(SummaryCache.init(directory:))
      let effects = SessionEffects(
        directory: directory, cache: cache, showInPager: { text in screen.suspend { Pager.show(text) } },
        copyToClipboard: { screen.copyToClipboard($0) },
        runInteractive: { (invocation) throws(CawError) -> ForegroundProcess.Exit in
          try screen.suspend { Result { () throws(CawError) in try ForegroundProcess.run(invocation) } }.get()
        })
      var state = AppState(dataDirectory: label, size: screen.size, now: Date().timeIntervalSince1970)
      state.defaultDirectory = FileManager.default.currentDirectoryPath
      state.dataPath = isDemo ? "" : URL(fileURLWithPath: directory.path).standardizedFileURL.path
      var clock = BackgroundClock(effects: effects)
      var loop = AppLoop(
        screen: screen, state: state, perform: effects.perform,
        background: { inbox.take() + clock.due() })
      try loop.run(poll: .milliseconds(20))
      return loop.state.startedHere
    }
  }
}

/// Actions posted from other threads for the run loop to pick up.
final class ActionInbox: Sendable {
  private let actions = Mutex<[Action]>([])

  /// Adds an action.
  func post(_ action: Action) { actions.withLock { $0.append(action) } }

  /// Everything posted since the last call.
  func take() -> [Action] {
    actions.withLock { actions in
      defer { actions.removeAll() }
      return actions
    }
  }
}

/// Once a second: the clock (elapsed times) and the run registry (which sessions are being recorded).
struct BackgroundClock {
  let effects: SessionEffects
  private var last = Date.distantPast
  private var runs: [RunRecord]?

  init(effects: SessionEffects) { self.effects = effects }

  /// The actions due now.
  mutating func due() -> [Action] {
    let now = Date()
    guard now.timeIntervalSince(last) >= 1 else { return [] }
    last = now
    var actions: [Action] = [.clockTicked(now.timeIntervalSince1970)]
    let current = effects.activeRuns()
    if current != runs {
      runs = current
      actions.append(.runsChanged(current))
    }
    return actions
  }
}
