import CawCore
import CawUI
import Foundation

/// Performs the UI's effects: reads sessions (retrying files caught mid-write), starts and stops
/// detached runs, exports, copies to the clipboard, hands text to the pager.
final class SessionEffects {
  /// Where sessions are read from.
  let directory: DataDirectory
  /// Shows text in a pager with the terminal handed over; returns why that failed, or nil.
  let showInPager: (String) -> String?
  /// Puts text on the terminal's clipboard.
  let copyToClipboard: (String) -> Void
  /// Runs an agent CLI's own UI with the terminal handed over, and waits for it.
  let runInteractive: (Invocation) throws(CawError) -> ForegroundProcess.Exit
  /// Where runs list themselves.
  let registry: RunRegistry
  private var follower: SessionFollower
  /// The summary index outside the data directory (none for the demo tree).
  private let cache: SummaryCache?
  /// Sessions read by a refresh and not yet handed over by `loadSession`.
  private var freshlyRead: [String: LoadedSession] = [:]

  init(
    directory: DataDirectory, registry: RunRegistry = RunRegistry(), cache: SummaryCache? = nil,
    showInPager: @escaping (String) -> String?, copyToClipboard: @escaping (String) -> Void = { _ in },
    runInteractive: @escaping (Invocation) throws(CawError) -> ForegroundProcess.Exit = { (_) throws(CawError) in
      throw CawError(.agent, "no terminal to hand over")
    }
  ) {
    self.directory = directory
    self.cache = cache
    self.registry = registry
    self.showInPager = showInPager
    self.copyToClipboard = copyToClipboard
    self.runInteractive = runInteractive
    follower = SessionFollower(reader: SessionReader(directory))
  }

  /// Performs `effect` and returns the actions its result produces.
  func perform(_ effect: Effect) -> [Action] {
    switch effect {
    case .listSessions:
      do {
        return [.sessionsListed(try follower.reader.listSessions(cache: cache), now: Date().timeIntervalSince1970)]
      } catch {
        return [.listingFailed(error.description)]
      }
    case .loadSession(let id):
      let loaded = freshlyRead.removeValue(forKey: id) ?? follower.refresh(id)
      return [.sessionLoaded(id: id, loaded.trajectory, error: loaded.brokenReason)]
    case .refreshSessions(let ids):
      return [refresh(ids)]
    case .startRun(let request):
      return [RunStarter(directory: directory, registry: registry).start(request)]
    case .stopRuns(let runs):
      for run in runs { try? registry.stop(run) }
      return []
    case .export(let path, let format, let file, let overwrite):
      return [export(path, format, to: file, overwrite: overwrite)]
    case .copyToClipboard(let text, let label):
      copyToClipboard(text)
      return [.copied(label)]
    case .openPager(let text):
      return showInPager(text).map { [.effectFailed($0)] } ?? []
    case .openInteractive(let request):
      return [interactive(request)]
    case .quit:
      return []
    }
  }

  /// The runs recording sessions of this data directory.
  func activeRuns() -> [RunRecord] {
    let data = URL(fileURLWithPath: directory.path).standardizedFileURL.path
    return registry.activeRuns().filter { $0.dataDirectory == data }
  }

  /// Opens the agent's own UI and says how it ended; the session is re-read afterwards.
  private func interactive(_ request: InteractiveRequest) -> Action {
    let id: String?
    let invocation: Invocation
    let name: String
    do throws(CawError) {
      switch request {
      case .session(let sessionID):
        id = sessionID
        guard let trajectory = follower.refresh(sessionID).trajectory else {
          throw CawError(.unreadable, "Cannot open \(sessionID.prefix(8)): the session cannot be read")
        }
        invocation = try InteractiveInvocation.resume(trajectory, environment: ProcessInfo.processInfo.environment)
        name = TextSanitizer.singleLine(trajectory.agent)
      case .start(let values):
        id = nil
        let settings = try RunStarter.settings(values)
        invocation = try InteractiveInvocation.start(settings, prompt: values.prompt, environment: ProcessInfo.processInfo.environment)
        name = settings.provider.rawValue
      }
      switch try runInteractive(invocation) {
      case .exited(0): return .interactiveEnded(sessionID: id, message: "Back from \(name)")
      case .exited(let code): return .interactiveEnded(sessionID: id, message: "\(name) exited with status \(code)")
      case .signalled(let number): return .interactiveEnded(sessionID: id, message: "\(name) ended by signal \(number)")
      }
    } catch {
      return .effectFailed(error.message)
    }
  }

  private func refresh(_ ids: Set<String>) -> Action {
    var summaries: [SessionSummary] = []
    var removed: Set<String> = []
    for id in ids.sorted() {
      guard (try? SessionID.validateForReading(id)) != nil, FileManager.default.fileExists(atPath: directory.sessionsPath + "/" + id)
      else {
        removed.insert(id)
        follower.forget(id)
        continue
      }
      let loaded = follower.refresh(id)
      freshlyRead[id] = loaded
      summaries.append(SessionSummary(loaded))
    }
    return .sessionsRefreshed(summaries, removed: removed, now: Date().timeIntervalSince1970)
  }

  private func export(_ path: TrajectoryPath, _ format: ExportFormat, to file: String, overwrite: Bool) -> Action {
    let loaded = follower.refresh(path.sessionID, budget: .unlimited)
    guard var trajectory = loaded.trajectory else {
      return .effectFailed("Cannot export \(path.sessionID.prefix(8)): \(loaded.brokenReason ?? "unreadable")")
    }
    for step in path.steps {
      guard trajectory.turns.indices.contains(step.turn), trajectory.turns[step.turn].output.indices.contains(step.block),
        let sub = trajectory.turns[step.turn].output[step.block].toolUse?.subagentTrajectory
      else { return .effectFailed("The subagent trajectory is no longer there") }
      trajectory = sub
    }
    let absolute = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL.path
    if !overwrite, FileManager.default.fileExists(atPath: absolute) {
      return .exportNeedsConfirmation(path, format, path: absolute)
    }
    let bytes = format.bytes(trajectory)
    do {
      try TrajectoryExport.write(bytes, to: absolute, overwrite: true)
    } catch {
      return .effectFailed("Export failed: \(error.message)")
    }
    return .exported(path: absolute, bytes: bytes.count)
  }
}
