import ArgumentParser
import CawCore
import CawTools
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

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Subagents the agent can call as tools: a JSON array of caw AgentSpec objects.",
      discussion: "Keys: name, description, system_prompt, model, reasoning, tools, mcp_servers, subagents (nested), plus provider and tier.",
      valueName: "file"))
  var agents: String?

  @Flag(name: .long, help: "Print the first turn's command line and exit without running anything.")
  var dryRun = false

  @Argument(help: "The prompt of each turn, in order.")
  var prompts: [String]

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    var settings = try agent.settings(environment: environment)
    let messages = try prompts.map(PromptArgument.read)
    let subagents = try agents.map { try AgentSpec.load(file: $0) } ?? []
    if dryRun {
      if !subagents.isEmpty {
        settings.mcpServers.append(MCPServer(name: ToolHost.subagentServerName, url: "http://127.0.0.1:<port>/mcp/subagent/<token>"))
      }
      let executable = ExecutableLocator(environment: environment).locate(settings.provider)
        ?? ExecutableLocator.binaryName(settings.provider)
      let version = settings.provider == .codex ? try? await CLIVersion.probe(executable).get() : nil
      let request = TurnRequest(
        message: messages.first ?? "", sessionID: "<new session id>", configFile: "<config file>", cliVersion: version)
      print(AgentSession.invocation(settings, request, executable: executable).commandLine)
      return
    }
    guard ExecutableLocator(environment: environment).locate(settings.provider) != nil else {
      throw CawError(.agent, ExecutableLocator.installHint(settings.provider))
    }
    let directory = try data.liveDataDirectory()
    if let sessionID { try SessionID.validate(sessionID) }
    behaviour.startLogging()
    var host: ToolHost?
    if !subagents.isEmpty {
      host = try await ToolHost.start(
        subagents: subagents, context: SubagentContext(workingDirectory: settings.workingDirectory))
      host?.add(to: &settings)
    }
    let session: AgentSession
    do {
      session = try AgentSession.start(
        settings, dataDirectory: directory, sessionID: sessionID, metadata: try agent.metadata())
    } catch {
      await host?.stop()
      throw error
    }
    await host?.bind(to: session)
    do {
      try await TurnDriver(session: session, dataDirectory: directory, behaviour: behaviour).run(messages)
    } catch {
      await host?.stop()
      throw error
    }
    await host?.stop()
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
