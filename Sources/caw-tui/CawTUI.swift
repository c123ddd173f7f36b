import ArgumentParser
import CawCore
import Foundation

/// The `caw-tui` command: browse, inspect and export caw session recordings.
@main
struct CawTUI: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "caw-tui",
    abstract: "Browse, inspect, export, run and resume coding-agent sessions recorded by caw.",
    discussion: """
      The data directory is --data-dir, else $CAW_DATA_DIR, else ./caw_data. --demo uses a bundled demo \
      tree instead. A session may be named by its id or a unique prefix of it.
      """,
    version: "0.1.0",
    subcommands: [
      BrowseCommand.self, RenderCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self,
      HandleCommand.self, SearchCommand.self, CostCommand.self, RunCommand.self, ResumeCommand.self, InteractiveCommand.self,
      RunsCommand.self, ImportCommand.self, DoctorCommand.self, AuthCommand.self, PricingCommand.self, DemoCommand.self,
    ],
    defaultSubcommand: BrowseCommand.self)

  /// Runs the agent watchdog when asked to (``AgentWatchdog``), else the command line with global options
  /// placed first moved after the subcommand (see ``GlobalOptions``); errors and help are printed
  /// through the sanitiser like everything else.
  static func main() async {
    AgentWatchdog.runIfRequested(CommandLine.arguments)
    AgentWatchdog.enable()
    let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
    let arguments = GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst()), subcommands: names)
    do {
      var command = try parseAsRoot(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if !message.isEmpty {
        if code == .success { print(message) } else { printError(message) }
      }
      Foundation.exit(code.rawValue)
    }
  }
}
