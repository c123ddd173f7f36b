import ArgumentParser
import CawCore
import Foundation
import OrderedCollections

/// `caw-tui import --provider P FILE`: a raw CLI output stream as trajectory JSON.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn a saved CLI output stream into caw trajectory JSON on stdout.",
    discussion: """
      FILE is what `claude -p --output-format stream-json --verbose`, `codex exec --json` or `opencode run \
      --format json` printed (for example a session's turns/NNN_raw_output.jsonl), read as one turn. Claude \
      Code transcripts and Codex rollout files are recognised and refused with exit status 2.
      """)

  @Option(name: .long, help: "claude_code (or claude, cc), codex or opencode (default: guessed from the content).")
  var provider: String?

  @Option(name: .long, help: "The model the stream was produced with (used for its price).")
  var model: String = ""

  @Option(name: .long, help: "The turn's input message (default: the sibling NNN_input.txt, if any).")
  var input: String?

  @Argument(help: "The stream file (- for stdin).")
  var file: String

  func run() throws {
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
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CawError(.io, "cannot read \(file)")
      }
      bytes = Array(data)
    }
    let pricing = try PricingTable.load()
    let result: StreamImport.Result
    switch Result(catching: { () throws(CawError) -> StreamImport.Result in
      try StreamImport.read(bytes, provider: provider, model: model, input: input ?? siblingInput() ?? "", pricing: pricing)
    }) {
    case .success(let read):
      result = read
    case .failure(let error) where error.code == .invalidArgument:
      FileHandle.standardError.write(Data("caw-tui import: \(file): \(error.message)\n".utf8))
      throw ExitCode(2)
    case .failure(let error):
      throw error
    }
    FileHandle.standardOutput.write(Data(result.trajectory.exportBytes()))
    FileHandle.standardOutput.write(Data("\n".utf8))
    let metadata = result.trajectory.metadata
    if let problems = StreamProblems(metadata).summary {
      FileHandle.standardError.write(Data("caw-tui import: \(TextSanitizer.singleLine(problems))\n".utf8))
    }
    if let failure = metadata["turn_error"]?.stringValue {
      FileHandle.standardError.write(Data("caw-tui import: the turn failed: \(TextSanitizer.singleLine(failure))\n".utf8))
    }
  }

  /// The `NNN_input.txt` next to a `NNN_raw_output.jsonl`, if there is one.
  private func siblingInput() -> String? {
    let url = URL(fileURLWithPath: file)
    let name = url.lastPathComponent
    guard name.hasSuffix("_raw_output.jsonl") else { return nil }
    let prefix = name.dropLast("_raw_output.jsonl".count)
    let sibling = url.deletingLastPathComponent().appendingPathComponent(prefix + "_input.txt").path
    return FileManager.default.contents(atPath: sibling).map { String(decoding: $0, as: UTF8.self) }
  }
}
