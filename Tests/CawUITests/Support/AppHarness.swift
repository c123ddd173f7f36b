import CawApp
import CawCore
import CawUI
import Foundation
import Testing
import TestSupport

/// The whole app on an in-memory screen, over a session tree on disk, at a fixed time.
struct AppHarness {
  /// 2026-11-22 06:00 UTC: the demo tree is written back from here, and relative times are read from here.
  static let now = Timestamp.parse("2026-11-22T06:00:00+00:00")!

  /// The run loop under test.
  var loop: AppLoop<InMemoryScreen>
  /// The demo tree, kept on disk while the harness lives.
  private(set) var tree: TempTree?

  /// The app on the demo tree at `size`, after `changing` has been given the data directory.
  static func demo(_ size: Size, changing: (String) throws -> Void = { _ in }) throws -> AppHarness {
    let tree = TempTree("caw-ui-demo")
    try DemoTree.write(to: tree.path + "/caw_data", now: now)
    try changing(tree.path + "/caw_data")
    var harness = AppHarness(dataDirectory: tree.path + "/caw_data", size: size)
    harness.tree = tree
    return harness
  }

  /// The app on the demo tree beside the hand-written stores of Claude Code, codex and opencode (`fixtures`,
  /// whose HOME the catalog reads), every source listed, after `changing` has been given the data directory.
  static func withNativeStores(
    _ size: Size, fixtures: NativeFixtures, changing: (String) throws -> Void = { _ in }
  ) throws -> AppHarness {
    fixtures.writeAll()
    let data = fixtures.tree.path + "/caw_data"
    try DemoTree.write(to: data, now: now)
    try changing(data)
    let catalog = SessionCatalog(
      dataDirectory: DataDirectory(data), stores: fixtures.stores, origins: Set(SessionOrigin.allCases), pricing: .builtIn)
    return AppHarness(dataDirectory: data, size: size, catalog: catalog)
  }

  /// The effects other than reading that the app asked for, in order (runs, exports, copies, quitting).
  var requested: [Effect] { log.effects }
  private let log = EffectLog()

  /// The app on the tree at `dataDirectory`, started (sessions listed) and drawn once. Sessions are read
  /// and searched by the real ``SessionService`` (its search index in `search-cache` beside the tree);
  /// every other effect is logged instead of performed. With a `catalog`, its sources are listed.
  init(dataDirectory: String, size: Size, catalog: SessionCatalog? = nil) {
    let service = SessionService(
      directory: DataDirectory(dataDirectory), runExecutable: "/nonexistent/caw-tui",
      searchIndexDirectory: URL(fileURLWithPath: dataDirectory).deletingLastPathComponent().path + "/search-cache",
      catalog: catalog, firstScreenAfter: nil, clock: { Self.now })
    let log = log
    loop = AppLoop(
      screen: InMemoryScreen(size: size), state: AppState(dataDirectory: "fixture", size: size, now: Self.now),
      perform: { effect in
        switch effect {
        case .listSessions, .loadSession, .reloadSession, .refreshSessions, .searchEverySession, .refreshIndex,
          .updateIndex, .refreshNativeFiles:
          return service.perform(effect, terminal: TerminalHandoff())
        default:
          log.effects.append(effect)
          return []
        }
      }, background: service.inbox.take, waitForBackground: service.waitUntilIdle)
    try? loop.run(stopWhenIdle: true)
  }

  /// The state now.
  var state: AppState { loop.state }

  /// The frame for the current state.
  var frame: CellGrid { AppView.render(loop.state) }

  /// What a person sees.
  var text: String { frame.text }

  /// Presses keys in order.
  mutating func press(_ keys: Key...) throws {
    for key in keys {
      try loop.send(.keyPressed(key))
      try loop.settle()
    }
  }

  /// Types each character of `text` as a key.
  mutating func type(_ text: String) throws {
    for character in text {
      try loop.send(.keyPressed(.character(character)))
      try loop.settle()
    }
  }

  /// Moves the list's selection to session `id`, from the top.
  mutating func select(_ id: String) throws {
    try press(.home)
    for _ in 0..<state.visibleSessions.count where state.selectedID != id { try press(.down) }
    try #require(state.selectedID == id, "\(id) is not in the list")
  }

  /// Sends an action.
  mutating func send(_ action: Action) throws {
    try loop.send(action)
    try loop.settle()
  }
}

/// The effects a harness was asked to perform.
final class EffectLog {
  var effects: [Effect] = []
}
