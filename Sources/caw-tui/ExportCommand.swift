import ArgumentParser
import CawCore
import Foundation

/// `caw-tui export SESSION [--format F] [-o FILE]`: the trajectory as caw's JSON, Markdown or ATIF.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a session's trajectory as caw's JSON, a Markdown transcript or ATIF (stdout by default).")

  @OptionGroup var data: DataOptions

  @Argument(help: "Session id or unique id prefix.")
  var session: String

  @Option(name: .long, help: "json (caw's trajectory.json), markdown, or atif (Harbor's ATIF v1.8).")
  var format: ExportFormat = .json

  @Option(name: [.short, .long], help: "Write to this file instead of stdout.")
  var output: String?

  @Flag(name: .long, help: "Replace the output file if it exists.")
  var force = false

  func run() throws {
    let (loaded, t) = try data.loadReadableSession(session)
    if loaded.source == .eventLog {
      FileHandle.standardError.write(Data("caw-tui: note: trajectory.json is missing or unreadable; exported what traj.jsonl holds\n".utf8))
    }
    let bytes = format.bytes(t)
    guard let output else {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    try TrajectoryExport.write(bytes, to: output, overwrite: force)
    FileHandle.standardError.write(Data("Wrote \(output) (\(bytes.count) bytes)\n".utf8))
  }
}

extension ExportFormat: ExpressibleByArgument {}
