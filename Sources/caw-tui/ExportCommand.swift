import ArgumentParser
import CawCore
import Foundation

/// `caw-tui export SESSION [-o FILE]`: the trajectory in caw's JSON format.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write a session's trajectory as caw's trajectory JSON (stdout by default).")

  @OptionGroup var data: DataOptions

  @Argument(help: "Session id or unique id prefix.")
  var session: String

  @Option(name: [.short, .long], help: "Write to this file instead of stdout.")
  var output: String?

  @Flag(name: .long, help: "Replace the output file if it exists.")
  var force = false

  func run() throws {
    let (loaded, t) = try data.loadReadableSession(session)
    if loaded.source == .eventLog {
      FileHandle.standardError.write(Data("caw-tui: note: trajectory.json is missing or unreadable; exported what traj.jsonl holds\n".utf8))
    }
    let bytes = t.trajectoryFileBytes()
    guard let output else {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    try TrajectoryExport.write(bytes, to: output, overwrite: force)
    FileHandle.standardError.write(Data("Wrote \(output) (\(bytes.count) bytes)\n".utf8))
  }
}
