import CawApp
import CawCore
import CawNCurses
import CawUI
import Foundation

/// Runs the TUI on a terminal: the ncurses screen, the run loop, the session service, and the background
/// sources — the file watchers (live follow of the caw tree and of the agents' stores) and the clock.
enum TerminalApp {
  /// The path of this caw-tui executable, which records the runs the TUI starts.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Browses `directory` (titled `label`) until the user quits; the terminal is restored on every way
  /// out. Returns the sessions started or resumed in it.
  static func run(
    _ directory: DataDirectory, label: String, isDemo: Bool, searchIndexDirectory: String?, catalog: SessionCatalog,
    theme: Theme
  ) throws -> [String] {
    MallocArenas.shareOne()
    let cache =
      isDemo
      ? nil
      : SummaryCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        .map(SummaryCache.init(directory:))
    let service = SessionService(
      directory: directory, cache: cache, runExecutable: executable, searchIndexDirectory: searchIndexDirectory,
      catalog: catalog)
    let watcher = SessionWatcher(directory)
    defer { watcher.stop() }
    // The agents' own stores are followed too when they are listed.
    let nativeOrigins = catalog.origins.subtracting([.caw])
    let nativeWatcher = nativeOrigins.isEmpty ? nil : NativeWatcher(catalog.stores, origins: nativeOrigins)
    defer { nativeWatcher?.stop() }
    let inbox = service.inbox
    let watching = Task.detached {
      for await change in watcher.changes { inbox.post(.filesChanged(change)) }
    }
    defer { watching.cancel() }
    let watchingNative = Task.detached {
      guard let nativeWatcher else { return }
      for await change in nativeWatcher.changes { inbox.post(.filesChanged(change)) }
    }
    defer { watchingNative.cancel() }
    return try NCursesScreen(theme: theme).run { screen in
      let terminal = TerminalHandoff(
        showInPager: { text in screen.suspend { Pager.show(text) } },
        copyToClipboard: { screen.copyToClipboard($0) },
        runInteractive: { (invocation) throws(CawError) -> ForegroundProcess.Exit in
          try screen.suspend { Result { () throws(CawError) in try ForegroundProcess.run(invocation) } }.get()
        })
      var state = AppState(dataDirectory: label, size: screen.size, now: Date().timeIntervalSince1970)
      state.defaultDirectory = FileManager.default.currentDirectoryPath
      state.dataPath = isDemo ? "" : URL(fileURLWithPath: directory.path).standardizedFileURL.path
      var clock = BackgroundClock(service: service)
      var loop = AppLoop(
        screen: screen, state: state, perform: { service.perform($0, terminal: terminal) },
        background: { inbox.take() + clock.due() })
      try loop.run(poll: .milliseconds(20))
      return loop.state.startedHere
    }
  }
}
