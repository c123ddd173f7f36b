import ArgumentParser

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
      HandleCommand.self, RunCommand.self, ResumeCommand.self, RunsCommand.self, ImportCommand.self,
      DoctorCommand.self, PricingCommand.self, DemoCommand.self,
    ],
    defaultSubcommand: BrowseCommand.self)
}
