import ArgumentParser
import CawCore
import Foundation
import OrderedCollections

/// `caw-tui runs [--stop PID]`: the `run` and `resume` processes recording right now.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the caw-tui runs recording sessions right now, or stop one (as Ctrl-C would).")

  @Option(name: .long, help: "Stop the run with this process id; its recorded turns are kept.")
  var stop: Int32?

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

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
    if json {
      let rows: [JSONValue] = runs.map { run in
        .object([
          "pid": .number(.int(Int(run.pid))), "session_id": .string(run.sessionID), "provider": .string(run.provider),
          "started_at": .string(run.startedAt), "data_dir": .string(run.dataDirectory),
        ])
      }
      print(PythonJSONWriter.string(.array(rows), style: .indented))
      return
    }
    var table = TextTable(columns: [.init("PID", right: true), .init("SESSION"), .init("PROVIDER"), .init("STARTED"), .init("DATA DIR")])
    for run in runs {
      table.add([String(run.pid), run.sessionID, run.provider, Format.minute(run.startedAt), run.dataDirectory])
    }
    print(runs.isEmpty ? "no runs are recording" : table.render(), terminator: runs.isEmpty ? "\n" : "")
  }
}
