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
    try data.withCatalog { catalog in
      let directory = catalog.dataDirectory ?? DataDirectory(".")
      // The agents' own stores alone are enough to browse; a caw tree asked for must be there.
      guard catalog.origins.contains(.caw) ? FileManager.default.fileExists(atPath: directory.sessionsPath) : !catalog.origins.isEmpty
      else {
        throw NoDataDirectory(path: directory.path)
      }
      guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
        var list = try ListCommand.parse([])
        list.data = data
        list.data.demo = false
        list.data.dataDir = directory.path
        return try list.run()
      }
      let started = try TerminalApp.run(
        directory, label: data.title(of: catalog), isDemo: data.demo, searchIndexDirectory: data.searchIndexDirectory(for: directory),
        catalog: catalog, theme: chosen)
      Self.printHandles(started, in: directory)
    }
  }
}

extension BrowseCommand {
  /// After the terminal is restored: the resume handles of the sessions started or resumed in the TUI.
  static func printHandles(_ ids: [String], in directory: DataDirectory) {
    guard !ids.isEmpty else { return }
    print("Sessions started or resumed here (resume handles):")
    let reader = SessionReader(directory)
    for id in ids {
      let loaded = reader.loadDirectory(named: id)
      let handle = loaded.trajectory.flatMap { try? ResumeHandle.forTrajectory($0) }
      print("  \(id)  " + (handle?.encoded ?? "(no resume key yet)"))
    }
  }
}

/// The data directory does not exist or holds no sessions/ directory: say which, and how to get one,
/// instead of showing an empty screen (in the words `list` uses).
struct NoDataDirectory: Error, CustomStringConvertible {
  /// The directory looked at.
  var path: String

  var description: String {
    let what = FileManager.default.fileExists(atPath: path) ? "it has no sessions/ directory" : "it does not exist"
    return """
    no caw data at \(path): \(what).
    Pass --data-dir DIR or set CAW_DATA_DIR to the caw_data directory Python caw writes,
    or run `caw-tui --demo` to browse the bundled demo sessions.
    """
  }
}
