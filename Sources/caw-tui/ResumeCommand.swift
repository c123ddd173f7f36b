import ArgumentParser
import CawCore
import Foundation
import OrderedCollections

/// `caw-tui resume HANDLE_OR_SESSION MESSAGE...`: continue a recorded session.
struct ResumeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Continue a session from its resume handle or session id (or unique prefix).",
    discussion: """
      New turns go to the same session directory with continued numbering; the stored system prompt, \
      reasoning and model are reused (--model overrides the model), and the agent runs in the directory \
      recorded when the session started (--cwd overrides it). A session with no resume key, or whose CLI \
      is not installed, is refused and nothing is written.
      """)

  @OptionGroup var data: DataOptions
  @OptionGroup var behaviour: RunBehaviour

  @Option(name: .long, help: "Refuse a handle for another provider (caw's pinned Agent).")
  var provider: String?

  @Option(name: .long, help: "Run with this model instead of the stored one.")
  var model: String?

  @Option(name: .long, help: "Run in this directory instead of the recorded one.")
  var cwd: String?

  @Argument(help: "A resume handle (JSON) or a session id or unique prefix.")
  var target: String

  @Argument(help: "The message of each new turn, in order (- reads one from stdin).")
  var messages: [String]

  func run() async throws {
    let directory = try data.liveDataDirectory()
    let pinned = try provider.map { name in
      guard let found = Provider(name: name) else { throw ValidationError("Unknown provider '\(name)'") }
      return found
    }
    let resolvedTarget = try Self.importIfNative(Self.expandPrefix(target, in: directory), into: directory, options: data)
    let plan = try ResumePlan.resolve(resolvedTarget, in: directory, pinnedProvider: pinned)
    guard ExecutableLocator().locate(plan.provider) != nil else {
      throw CawError(.agent, ExecutableLocator.installHint(plan.provider))
    }
    if cwd == nil, plan.storedTrajectory?.metadata["cwd"]?.stringValue == nil {
      let here = FileManager.default.currentDirectoryPath
      printError("note: the session has no recorded working directory; the agent runs in \(here) (use --cwd)")
    }
    let session = try AgentSession.resume(
      resolvedTarget, dataDirectory: directory, provider: pinned, model: model,
      workingDirectory: cwd.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    behaviour.startLogging()
    try await TurnDriver(session: session, dataDirectory: directory, behaviour: behaviour).run(try messages.map(PromptArgument.read))
  }

  /// A session found only in an agent's own store (Claude Code, Codex, opencode) is imported into the data
  /// directory first (see `import --native`), so the resumed turns are recorded after its history; an
  /// already imported one is resumed as it is. Anything else passes through.
  static func importIfNative(_ target: String, into directory: DataDirectory, options: DataOptions) throws -> String {
    guard case .sessionID(let id) = try ResumeTarget.parse(target), (try? SessionReader(directory).resolve(id)) == nil
    else { return target }
    var native = options
    if native.sources.isEmpty { native.sources = SessionOrigin.native.map(\.rawValue) }
    guard let loaded = try? native.withCatalog({ try $0.load(id) }), loaded.origin != .caw, let record = loaded.nativeRecord,
      let trajectory = loaded.trajectory
    else { return target }
    if FileManager.default.fileExists(atPath: try directory.sessionPath(trajectory.sessionID)) { return trajectory.sessionID }
    let written = try NativeImport.write(trajectory, record: record, into: directory)
    printError("note: \(record.origin.rawValue) session imported into \(TextSanitizer.singleLine(written)); new turns are recorded there")
    return trajectory.sessionID
  }

  /// A unique session-id prefix becomes the full id; handles and anything else pass through.
  static func expandPrefix(_ target: String, in directory: DataDirectory) throws -> String {
    guard case .sessionID(let id) = try ResumeTarget.parse(target) else { return target }
    return (try? SessionReader(directory).resolve(id)) ?? id
  }
}
