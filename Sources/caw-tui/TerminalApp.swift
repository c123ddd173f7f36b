import CawCore
import CawNCurses
import CawUI
import Foundation

/// Runs the TUI on a terminal: the ncurses screen, the run loop and the effects that read sessions.
enum TerminalApp {
  /// Browses `directory` (titled `label`) until the user quits; the terminal is restored on every way out.
  static func run(_ directory: DataDirectory, label: String, theme: Theme) throws {
    try NCursesScreen(theme: theme).run { screen in
      let effects = SessionEffects(reader: SessionReader(directory)) { text in
        screen.suspend { Pager.show(text) }
      }
      var loop = AppLoop(
        screen: screen, state: AppState(dataDirectory: label, size: screen.size, now: Date().timeIntervalSince1970),
        perform: effects.perform)
      try loop.run()
    }
  }
}
