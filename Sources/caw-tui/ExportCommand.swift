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
    if format == .json, try streamJSON() { return }
    let (loaded, t) = try data.loadReadableSession(session)
    if loaded.source == .eventLog {
      printError("caw-tui: note: trajectory.json is missing or unreadable; exported what traj.jsonl holds")
    }
    let bytes = format.bytes(t)
    guard let output else {
      writeOutput(bytes)
      return
    }
    try TrajectoryExport.write(bytes, to: output, overwrite: force)
    printError("Wrote \(output) (\(bytes.count) bytes)")
  }

  /// caw's JSON streamed from `trajectory.json` (memory follows the session's structure, not its size);
  /// false when the session must be loaded and exported whole (no stored `trajectory.json` to stream, or
  /// a name the caw tree does not resolve: a native session, a path), which also reports any error.
  private func streamJSON() throws -> Bool {
    try data.withDataDirectory { directory in
      let reader = SessionReader(directory)
      guard let id = try? reader.resolve(session), let export = try? StreamingJSONExport(session: id, in: reader) else {
        return false
      }
      guard let output else {
        try export.write { writeOutput($0) }
        return true
      }
      let count = try TrajectoryExport.write(to: output, overwrite: force) { (write) throws(CawError) in
        try export.write(to: write)
      }
      printError("Wrote \(output) (\(count) bytes)")
      return true
    }
  }
}

extension ExportFormat: ExpressibleByArgument {}
