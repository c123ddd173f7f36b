import CawCore
import CawUI
import Foundation

/// Starts the runs the TUI asks for as detached `caw-tui run` / `resume` processes, after checking what
/// can be checked first (resume key, CLI installed, directory), so a run that cannot work is refused
/// with its reason and writes nothing.
struct RunStarter {
  /// The data directory the runs record in.
  let directory: DataDirectory
  /// Where the runs' logs go (next to their registry entries).
  let registry: RunRegistry

  /// The path of this caw-tui executable.
  static var executable: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Starts `request` and answers `.runStarted` or `.effectFailed`.
  func start(_ request: RunRequest) -> Action {
    let data = URL(fileURLWithPath: directory.path).standardizedFileURL.path
    let sessionID: String
    let arguments: [String]
    switch request {
    case .resume(let id, let message):
      do {
        let plan = try ResumePlan.resolve(id, in: directory)
        guard ExecutableLocator().locate(plan.provider) != nil else {
          return .effectFailed("Cannot resume: " + ExecutableLocator.installHint(plan.provider))
        }
      } catch {
        return .effectFailed(error.message)
      }
      sessionID = id
      arguments = ["resume", "--data-dir", data, id, message]
    case .start(let values):
      guard let provider = Provider(name: values.provider.trimmingCharacters(in: .whitespaces)) else {
        return .effectFailed("Unknown provider '\(values.provider)'")
      }
      guard ExecutableLocator().locate(provider) != nil else {
        return .effectFailed(ExecutableLocator.installHint(provider))
      }
      let workDirectory = (values.directory as NSString).expandingTildeInPath
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: workDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
        return .effectFailed("No such directory: \(values.directory)")
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
      arguments = args + ["--cwd", workDirectory, values.prompt]
    }
    do {
      try FileManager.default.createDirectory(atPath: registry.directory, withIntermediateDirectories: true)
      _ = try DetachedRun.start(
        executable: Self.executable, arguments: arguments, log: registry.directory + "/\(sessionID).log")
    } catch {
      return .effectFailed("\(error)")
    }
    return .runStarted(sessionID: sessionID)
  }
}
