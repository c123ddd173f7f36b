import ArgumentParser
import CawCore
import Foundation

/// `caw-tui run --provider P PROMPT...`: start a session and record it in the data directory.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Start a new agent session, print its events as they arrive, and record it in caw_data.",
    discussion: """
      Each PROMPT is one turn (use - to read a prompt from stdin). The session is written exactly as \
      Python caw writes it, so `caw traj` and caw's resume_session read it. The resume handle is printed \
      at the end. Ctrl-C stops the agent's whole process group; what it did so far is recorded.
      """)

  @OptionGroup var data: DataOptions
  @OptionGroup var agent: AgentOptions
  @OptionGroup var behaviour: RunBehaviour

  @Option(name: .long, help: "Record under this new session id instead of a random one.")
  var sessionID: String?

  @Flag(name: .long, help: "Print the first turn's command line and exit without running anything.")
  var dryRun = false

  @Argument(help: "The prompt of each turn, in order.")
  var prompts: [String]

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let settings = try agent.settings(environment: environment)
    let messages = try prompts.map(PromptArgument.read)
    if dryRun {
      let executable = ExecutableLocator(environment: environment).locate(settings.provider)
        ?? ExecutableLocator.binaryName(settings.provider)
      let request = TurnRequest(message: messages.first ?? "", sessionID: "<new session id>", configFile: "<config file>")
      print(AgentSession.invocation(settings, request, executable: executable).commandLine)
      return
    }
    guard ExecutableLocator(environment: environment).locate(settings.provider) != nil else {
      throw CawError(.agent, ExecutableLocator.installHint(settings.provider))
    }
    let directory = try data.liveDataDirectory()
    if let sessionID { try SessionID.validate(sessionID) }
    let session = try AgentSession.start(
      settings, dataDirectory: directory, sessionID: sessionID, metadata: try agent.metadata())
    try await TurnDriver(session: session, dataDirectory: directory, behaviour: behaviour).run(messages)
  }
}

/// A prompt given on the command line; `-` reads it from stdin.
enum PromptArgument {
  static func read(_ argument: String) throws -> String {
    guard argument == "-" else { return argument }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
  }
}
