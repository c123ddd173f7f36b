import CawCore
import CawTools
import CawUI
import Foundation

/// Starts the runs the TUI asks for as detached `caw-tui run` / `resume` processes (from the UI thread),
/// after checking on a reading thread what can be checked first (resume key, CLI installed, no other run recording the session, directory), so a
/// run that cannot work is refused with its reason and writes nothing.
struct RunStarter {
  /// The data directory the runs record in.
  let directory: DataDirectory
  /// Where the runs' logs go (next to their registry entries).
  let registry: RunRegistry
  /// The caw-tui executable that records the runs.
  let executable: String

  /// The form's provider, model or tier, reasoning, system prompt and directory as settings.
  static func settings(_ values: NewSessionForm.Values) throws(CawError) -> AgentSettings {
    guard let provider = Provider(name: values.provider.trimmingCharacters(in: .whitespaces)) else {
      throw CawError(.invalidArgument, "Unknown provider '\(values.provider)'")
    }
    let directory = (values.directory as NSString).expandingTildeInPath
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CawError(.invalidArgument, "No such directory: \(values.directory)")
    }
    var settings = AgentSettings(
      provider: provider, reasoning: values.reasoning, systemPrompt: values.systemPrompt,
      workingDirectory: URL(fileURLWithPath: directory).standardizedFileURL.path)
    let model = values.model.trimmingCharacters(in: .whitespaces)
    if let tier = ModelTier(rawValue: model) {
      settings.model =
        ModelTierResolver(environment: ProcessInfo.processInfo.environment).resolve(tier, for: provider).model ?? ""
    } else {
      settings.model = model
    }
    return settings
  }

  /// Checks `request` and answers `.runReady` with what to start, or `.effectFailed` with why not. A
  /// session of `nativeProvider`'s own store is resumed by `caw-tui resume`, which imports it first.
  func prepare(_ request: RunRequest, nativeProvider: Provider? = nil) -> Action {
    let data = URL(fileURLWithPath: directory.path).standardizedFileURL.path
    let sessionID: String
    let arguments: [String]
    switch request {
    case .resume(let id, let message):
      do {
        let provider: Provider
        if let nativeProvider {
          provider = nativeProvider  // nothing records it yet: `resume` imports it first
        } else {
          let plan = try ResumePlan.resolve(id, in: directory)
          if let recorder = SessionStore.recorder(of: plan.sessionID, in: directory) {
            return .effectFailed("Cannot resume: " + recorder)
          }
          provider = plan.provider
        }
        guard ExecutableLocator().locate(provider) != nil else {
          return .effectFailed("Cannot resume: " + ExecutableLocator.installHint(provider))
        }
      } catch {
        return .effectFailed(error.message)
      }
      sessionID = id
      arguments = ["resume", "--data-dir", data, id, message]
    case .start(let values):
      let settings: AgentSettings
      do {
        settings = try Self.settings(values)
      } catch {
        return .effectFailed(error.message)
      }
      let provider = settings.provider
      guard ExecutableLocator().locate(provider) != nil else {
        return .effectFailed(ExecutableLocator.installHint(provider))
      }
      let workDirectory = settings.workingDirectory ?? ""
      var agents: [String] = []
      let agentsFile = (values.agents.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
      if !agentsFile.isEmpty {
        let absolute = URL(fileURLWithPath: agentsFile).standardizedFileURL.path
        do {
          _ = try AgentSpec.load(file: absolute)
        } catch {
          return .effectFailed("Subagents: \(error.message)")
        }
        agents = ["--agents", absolute]
      }
      sessionID = SessionStore.newSessionID()
      var args = ["run", "--data-dir", data, "--session-id", sessionID, "--provider", provider.rawValue]
      let model = values.model.trimmingCharacters(in: .whitespaces)
      if ModelTier(rawValue: model) != nil {
        args += ["--tier", model]
      } else if !model.isEmpty {
        args += ["--model", model]
      }
      if !values.reasoning.isEmpty { args += ["--reasoning", values.reasoning] }
      if !values.systemPrompt.isEmpty { args += ["--system-prompt", values.systemPrompt] }
      arguments = args + agents + ["--cwd", workDirectory, values.prompt]
    }
    do {
      try FileManager.default.createDirectory(atPath: registry.directory, withIntermediateDirectories: true)
    } catch {
      return .effectFailed("Cannot start a run: \(error)")
    }
    return .runReady(
      RunLaunch(
        sessionID: sessionID, executable: executable, arguments: arguments,
        log: registry.directory + "/\(sessionID).log"))
  }

  /// Starts a checked run, detached, and answers `.runStarted` or `.effectFailed`. Called on the UI
  /// thread, whose priority the run and its agent inherit (the reading threads run niced).
  static func launch(_ launch: RunLaunch) -> Action {
    do {
      _ = try DetachedRun.start(executable: launch.executable, arguments: launch.arguments, log: launch.log)
    } catch {
      return .effectFailed("\(error)")
    }
    return .runStarted(sessionID: launch.sessionID)
  }
}
