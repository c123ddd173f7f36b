import ArgumentParser
import CawCore
import Foundation

/// `caw-tui runs [--stop PID]`: the `run` and `resume` processes recording right now.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the caw-tui runs recording sessions right now, or stop one (as Ctrl-C would).")

  @Option(name: .long, help: "Stop the run with this process id; its recorded turns are kept.")
  var stop: Int32?

  func run() throws {
    let registry = RunRegistry()
    let runs = registry.activeRuns()
    if let stop {
      guard let record = runs.first(where: { $0.pid == stop }) else {
        throw ValidationError("no caw-tui run with pid \(stop) is recording")
      }
      try registry.stop(record)
      print("asked run \(stop) (session \(record.sessionID)) to stop")
      return
    }
    var table = TextTable(columns: [.init("PID", right: true), .init("SESSION"), .init("PROVIDER"), .init("STARTED"), .init("DATA DIR")])
    for run in runs {
      table.add([String(run.pid), run.sessionID, run.provider, Format.minute(run.startedAt), run.dataDirectory])
    }
    print(runs.isEmpty ? "no runs are recording" : table.render(), terminator: runs.isEmpty ? "\n" : "")
  }
}
