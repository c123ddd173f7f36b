import Foundation

/// The real `claude` and `codex` binaries the real-CLI tests run (installed by
/// Tests/ModelServer/ensure_agent_clis.sh under `.build/agent-clis`), and the environment that points
/// them at a ``ScriptedModelServer`` with a private home.
public struct RealAgentCLIs: Sendable {
  /// Claude Code's executable.
  public var claude: String
  /// codex's executable.
  public var codex: String

  /// The versions the suite verifies, as each CLI's `--version` prints them.
  public static let claudeVersion = "2.1.327 (Claude Code)"
  public static let codexVersion = "codex-cli 0.163.0"

  /// The installed CLIs, or what to install. Installs them on first use (cached between runs).
  public static let installed: Result<RealAgentCLIs, InteropError> = {
    let script = ProcessRun.packageRoot + "/Tests/ModelServer/ensure_agent_clis.sh"
    let directory = ProcessRun.packageRoot + "/.build/agent-clis"
    guard let result = try? ProcessRun.run("/bin/bash", [script, directory]) else {
      return .failure(InteropError("could not run \(script): install bash and python3"))
    }
    guard result.status == 0 else {
      return .failure(
        InteropError(
          "the real-CLI tests need claude-agent-sdk==0.2.184 and openai-codex-cli-bin==0.163.0 from PyPI "
            + "(python3 with pip; .ci/run installs them): \(result.stderr)"))
    }
    let root = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    return .success(
      RealAgentCLIs(claude: root + "/claude_agent_sdk/_bundled/claude", codex: root + "/codex_cli_bin/bin/codex"))
  }()

  /// A private home for one test: `HOME`, `CODEX_HOME` with a config naming the server, a `bin` directory
  /// with `claude` and `codex` (first on `PATH`), and the environment to run caw-tui or a CLI with.
  public func home(for server: ScriptedModelServer, in tree: TempTree) -> AgentHome {
    AgentHome(clis: self, server: server, root: tree.path)
  }
}

/// One test's private home for the real CLIs.
public struct AgentHome: Sendable {
  /// `HOME` for the CLIs (Claude Code keeps its sessions under `~/.claude`).
  public let home: String
  /// `CODEX_HOME` (config.toml, sessions).
  public let codexHome: String
  /// A directory holding `claude` and `codex`, put first on `PATH`.
  public let bin: String
  /// A fresh working directory for the agent.
  public let workspace: String
  /// The environment: the server's URLs and keys, the private homes, caches and configs.
  public let environment: [String: String]

  init(clis: RealAgentCLIs, server: ScriptedModelServer, root: String) {
    home = root + "/home"
    codexHome = root + "/codex-home"
    bin = root + "/bin"
    workspace = root + "/work"
    let fm = FileManager.default
    for directory in [home, codexHome, bin, workspace, root + "/runtime"] {
      try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    try? fm.createSymbolicLink(atPath: bin + "/claude", withDestinationPath: clis.claude)
    try? fm.createSymbolicLink(atPath: bin + "/codex", withDestinationPath: clis.codex)
    let config = """
      model_provider = "scripted"

      [model_providers.scripted]
      name = "scripted"
      base_url = "\(server.openAIBaseURL)"
      wire_api = "responses"
      env_key = "SCRIPTED_MODEL_API_KEY"
      request_max_retries = 0
      stream_max_retries = 0
      stream_idle_timeout_ms = 120000

      """
    _ = fm.createFile(atPath: codexHome + "/config.toml", contents: Data(config.utf8))
    var environment = ProcessInfo.processInfo.environment
    for name in environment.keys
    where name.hasPrefix("ANTHROPIC_") || name.hasPrefix("CLAUDE_") || name.hasPrefix("CODEX_")
      || name.hasPrefix("OPENAI_") || name.hasPrefix("CAW_")
    {
      environment.removeValue(forKey: name)
    }
    environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["HOME"] = home
    environment["XDG_CONFIG_HOME"] = root + "/config"
    environment["XDG_CACHE_HOME"] = root + "/cache"
    environment["XDG_RUNTIME_DIR"] = root + "/runtime"
    environment["CAW_HOME"] = root + "/caw-home"
    environment["CODEX_HOME"] = codexHome
    environment["SCRIPTED_MODEL_API_KEY"] = "scripted-key"
    environment["ANTHROPIC_BASE_URL"] = server.anthropicBaseURL
    environment["ANTHROPIC_API_KEY"] = "scripted-key"
    environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
    environment["DISABLE_AUTOUPDATER"] = "1"
    environment["IS_SANDBOX"] = "1"
    self.environment = environment
  }
}
