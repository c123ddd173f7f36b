import ArgumentParser
import CawCore
import Foundation
import OrderedCollections

/// `caw-tui import --provider P FILE`: a raw CLI output stream as trajectory JSON; `caw-tui import --native
/// SESSION`: an agent's own session record as a caw session.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn a saved CLI output stream into caw trajectory JSON on stdout, or a native session into a caw session.",
    discussion: """
      FILE is what `claude -p --output-format stream-json --verbose`, `codex exec --json` or `opencode run \
      --format json` printed (for example a session's turns/NNN_raw_output.jsonl), read as one turn. Claude \
      Code transcripts and Codex rollout files are recognised and refused with exit status 2: import those \
      with --native.

      --native SESSION (an id, a unique prefix or a transcript/rollout path from `caw-tui list --source \
      claude|codex|opencode`) writes the session into the data directory under its own id, as Python caw \
      writes sessions, so `caw traj` reads it and `caw-tui resume` / caw's `resume_session` continue it.
      """)

  @OptionGroup var data: DataOptions

  @Option(name: .customLong("native"), help: "Import this Claude Code, Codex or opencode session into the data directory.")
  var nativeSession: String?

  @Option(name: .long, help: "claude_code (or claude, cc), codex or opencode (default: guessed from the content).")
  var provider: String?

  @Option(name: .long, help: "The model the stream was produced with (used for its price).")
  var model: String = ""

  @Option(name: .long, help: "The turn's input message (default: the sibling NNN_input.txt, if any).")
  var input: String?

  @Argument(help: "The stream file (- for stdin).")
  var file: String?

  func validate() throws {
    if (nativeSession == nil) == (file == nil) { throw ValidationError("give either a stream FILE or --native SESSION") }
  }

  func run() throws {
    if let nativeSession {
      try importNative(nativeSession)
      return
    }
    guard let file else { return }
    let provider = try self.provider.map { name in
      guard let found = Provider(name: name) else {
        throw ValidationError("Unknown provider '\(name)'. Available: \(Provider.registeredNames.joined(separator: ", "))")
      }
      return found
    }
    let bytes: [UInt8]
    if file == "-" {
      bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
    } else {
      bytes = try FileSystem.read(file)
    }
    let pricing = try PricingTable.load()
    let result: StreamImport.Result
    switch Result(catching: { () throws(CawError) -> StreamImport.Result in
      try StreamImport.read(bytes, provider: provider, model: model, input: input ?? siblingInput() ?? "", pricing: pricing)
    }) {
    case .success(let read):
      result = read
    case .failure(let error) where error.code == .invalidArgument:
      printError("caw-tui import: \(file): \(error.message)")
      throw ExitCode(2)
    case .failure(let error):
      throw error
    }
    writeOutput(result.trajectory.exportBytes() + [0x0A])
    let metadata = result.trajectory.metadata
    if let problems = StreamProblems(metadata).summary {
      printError("caw-tui import: \(TextSanitizer.singleLine(problems))")
    }
    if !UnpricedTurns.indices(result.trajectory).isEmpty {
      let model = result.trajectory.model.isEmpty ? "the stream names no model and --model was not given" : "there is no price for \(TextSanitizer.singleLine(result.trajectory.model, limit: 80))"
      printError("caw-tui import: the cost is unknown: \(model); cost_usd is written as 0.0 and the turn listed in metadata.unpriced_turns")
    }
    if let failure = metadata["turn_error"]?.stringValue {
      printError("caw-tui import: the turn failed: \(TextSanitizer.singleLine(failure))")
    }
  }

  /// Writes a native session into the data directory and says where.
  private func importNative(_ name: String) throws {
    var options = data
    if options.sources.isEmpty { options.sources = SessionOrigin.native.map(\.rawValue) }
    let loaded = try options.withCatalog { try $0.load(name) }
    guard loaded.origin != .caw, let record = loaded.nativeRecord else {
      throw ValidationError("\(name) is a caw session already; --native takes a Claude Code, Codex or opencode session")
    }
    guard let trajectory = loaded.trajectory else {
      throw CawError(.unreadable, "\(loaded.id) cannot be read: \(loaded.brokenReason ?? "unreadable")")
    }
    let directory = try data.liveDataDirectory()
    let written = try NativeImport.write(trajectory, record: record, into: directory)
    for problem in loaded.problems {
      printError("caw-tui import: note: \(TextSanitizer.singleLine(problem.description))")
    }
    print("Imported \(record.origin.rawValue) session \(TextSanitizer.singleLine(trajectory.sessionID)) (\(trajectory.turns.count) turns) into \(TextSanitizer.singleLine(written))")
    if let handle = try? ResumeHandle.forTrajectory(trajectory) { print("Resume handle: \(handle.encoded)") }
  }

  /// The `NNN_input.txt` next to a `NNN_raw_output.jsonl`, if there is one.
  private func siblingInput() -> String? {
    guard let file else { return nil }
    let url = URL(fileURLWithPath: file)
    let name = url.lastPathComponent
    guard name.hasSuffix("_raw_output.jsonl") else { return nil }
    let prefix = name.dropLast("_raw_output.jsonl".count)
    let sibling = url.deletingLastPathComponent().appendingPathComponent(prefix + "_input.txt").path
    return (try? FileSystem.read(sibling)).map { String(decoding: $0, as: UTF8.self) }
  }
}
