import ArgumentParser
import CawCore
import CawUI
import Foundation

/// `caw-tui [browse]`: the terminal UI on a data directory (a plain list when stdout is not a terminal).
struct BrowseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse",
    abstract: "Browse sessions in panes: list, turn timeline, transcripts, tool calls, cost (the default).",
    discussion: "When standard output is not a terminal it prints the session list instead, as `list` does.")

  @OptionGroup var data: DataOptions

  @Option(name: .long, help: "Colours: default or mono (NO_COLOR selects mono).")
  var theme: String?

  func run() throws {
    guard let chosen = Theme.select(requested: theme, environment: ProcessInfo.processInfo.environment) else {
      throw ValidationError("--theme must be default or mono")
    }
    try data.withDataDirectory { directory in
      guard FileManager.default.fileExists(atPath: directory.sessionsPath) else {
        throw NoDataDirectory(path: directory.path)
      }
      guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
        var list = try ListCommand.parse([])
        list.data = data
        list.data.demo = false
        list.data.dataDir = directory.path
        return try list.run()
      }
      try TerminalApp.run(directory, label: data.demo ? "bundled demo data" : directory.path, theme: chosen)
    }
  }
}

/// The data directory holds no sessions/ directory: say how to get one instead of showing an empty screen.
struct NoDataDirectory: Error, CustomStringConvertible {
  /// The directory looked at.
  var path: String

  var description: String {
    """
    no caw data at \(path) (there is no sessions/ directory in it).
    Pass --data-dir DIR or set CAW_DATA_DIR to the caw_data directory Python caw writes,
    or run `caw-tui --demo` to browse the bundled demo sessions.
    """
  }
}
