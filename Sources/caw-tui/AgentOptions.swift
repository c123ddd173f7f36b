import OrderedCollections
import ArgumentParser
import CawCore
import Foundation
import Logging

/// The options `run` shares with `resume`: how to run the CLI and whether to wait out usage limits.
struct RunBehaviour: ParsableArguments {
  @Flag(name: .long, help: "After a usage limit, wait as caw does and send caw's continue message.")
  var autoWait = false

  @Flag(name: .long, help: "Also print each command line and skipped stdout lines.")
  var verbose = false

  @Option(
    name: .long,
    help: "Log session events (metadata, user, tool calls and results, usage limits, end) to stderr from this level: trace, debug, info, notice, warning, error, critical.")
  var logLevel: Logger.Level = .warning

  /// Sends the session's log to stderr at the chosen level; call once, before the session starts.
  func startLogging() {
    StderrLogHandler.bootstrap(logLevel)
  }
}

/// `run`'s session settings: provider, model or tier, reasoning, system prompt, tools, MCP servers, cwd.
struct AgentOptions: ParsableArguments {
  @Option(name: .long, help: "claude_code (or claude, cc), codex or opencode (default: $CAW_PROVIDER, else claude_code).")
  var provider: String?

  @Option(name: .long, help: "The model (default: $CAW_MODEL, else the CLI's own default).")
  var model: String?

  @Option(name: .long, help: "A model tier instead of a model: strongest or fast.")
  var tier: String?

  @Option(name: .long, help: "Reasoning effort, e.g. low, medium, high (default: $CAW_EFFORT).")
  var reasoning: String?

  @Option(name: .long, help: "The system prompt.")
  var systemPrompt: String?

  @Option(name: .long, help: "Tool groups the agent may use, comma-separated: reader, writer, exec, web, parallel, interaction, all (default: all but interaction).")
  var tools: String?

  @Option(name: .long, help: "An HTTP MCP server as NAME=URL (repeatable).")
  var mcp: [String] = []

  @Option(name: .long, help: "A stdio MCP server as 'NAME=COMMAND ARG...' (repeatable).")
  var mcpCommand: [String] = []

  @Option(name: .long, help: "The directory the agent works in (default: the current directory).")
  var cwd: String?

  @Option(name: .long, help: "A metadata entry KEY=VALUE recorded with the session (repeatable).")
  var meta: [String] = []

  /// The settings these options describe.
  func settings(environment: [String: String]) throws -> AgentSettings {
    let name = provider ?? environment["CAW_PROVIDER"]?.split(separator: ",").first.map(String.init) ?? "claude_code"
    guard let provider = Provider(name: name.trimmingCharacters(in: .whitespaces)) else {
      throw ValidationError("Unknown provider '\(name)'. Available: \(Provider.registeredNames.joined(separator: ", "))")
    }
    var settings = AgentSettings(provider: provider)
    if let tier {
      guard model == nil else { throw ValidationError("--model and --tier cannot be used together") }
      guard let tier = ModelTier(rawValue: tier) else {
        throw ValidationError("unknown tier '\(tier)'. Valid tiers: strongest, fast")
      }
      settings.model = ModelTierResolver(environment: environment).resolve(tier, for: provider).model ?? ""
    } else {
      settings.model = model ?? environment["CAW_MODEL"] ?? ""
    }
    settings.reasoning = reasoning ?? environment["CAW_EFFORT"] ?? ""
    settings.systemPrompt = systemPrompt ?? ""
    if let tools { settings.tools = try ToolGroup(names: tools) }
    settings.mcpServers = try mcp.map { spec in
      let (name, url) = try Self.split(spec, "--mcp")
      return MCPServer(name: name, url: url)
    }
    settings.mcpServers += try mcpCommand.map { spec in
      let (name, command) = try Self.split(spec, "--mcp-command")
      let words = command.split(separator: " ").map(String.init)
      return MCPServer(name: name, command: words.first ?? "", args: Array(words.dropFirst()))
    }
    if let cwd {
      let absolute = URL(fileURLWithPath: cwd).standardizedFileURL.path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("--cwd \(cwd): no such directory")
      }
      settings.workingDirectory = absolute
    }
    return settings
  }

  /// The `--meta` entries as metadata.
  func metadata() throws -> JSONObject {
    var metadata = JSONObject()
    for entry in meta {
      let (key, value) = try Self.split(entry, "--meta")
      metadata[key] = .string(value)
    }
    return metadata
  }

  /// Splits `NAME=VALUE`.
  static func split(_ text: String, _ option: String) throws -> (String, String) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw ValidationError("\(option) expects NAME=VALUE, got '\(text)'")
    }
    return (String(text[..<equals]), String(text[text.index(after: equals)...]))
  }
}
