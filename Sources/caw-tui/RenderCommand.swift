import ArgumentParser
import CawApp
import CawCore
import CawUI
import Foundation

/// `caw-tui render`: one screen of the UI as text, after pressing some keys; the code path the tests use.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print one screen of the terminal UI as plain text, after pressing the given keys.",
    discussion: """
      Keys are separated by spaces: single characters, or Enter, Esc, Tab, S-Tab, Up, Down, Left, Right, PgUp, \
      PgDn, Home, End, Bksp, Space, C-d. Example: caw-tui render --demo --size 100x30 --keys "j Enter Enter"
      """)

  @OptionGroup var data: DataOptions

  @Option(name: .long, help: "The screen size, COLUMNSxROWS.")
  var size = "80x24"

  @Option(name: .long, help: "Keys to press first, separated by spaces.")
  var keys = ""

  func run() throws {
    let parts = size.split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, parts.allSatisfy({ $0 >= 0 && $0 <= 1000 }) else {
      throw ValidationError("--size must be COLUMNSxROWS, for example 80x24")
    }
    var events: [TerminalEvent] = []
    for name in keys.split(separator: " ") {
      guard let key = Key(name: String(name)) else { throw ValidationError("unknown key \"\(name)\" in --keys") }
      events.append(.key(key))
    }
    let screenSize = Size(width: parts[0], height: parts[1])
    MallocArenas.shareOne()
    let text = try data.withCatalog { catalog in
      let directory = catalog.dataDirectory ?? DataDirectory(".")
      let service = SessionService(
        directory: directory, runExecutable: TerminalApp.executable,
        searchIndexDirectory: data.searchIndexDirectory(for: directory), catalog: catalog, firstScreenAfter: nil)
      let terminal = TerminalHandoff(showInPager: { _ in nil })
      var loop = AppLoop(
        screen: InMemoryScreen(size: screenSize, events: events),
        state: AppState(
          dataDirectory: data.title(of: catalog), size: screenSize,
          now: Date().timeIntervalSince1970),
        perform: { service.perform($0, terminal: terminal) }, background: service.inbox.take,
        waitForBackground: service.waitUntilIdle)
      try loop.run(stopWhenIdle: true)
      return AppView.render(loop.state).text
    }
    print(text)
  }
}
