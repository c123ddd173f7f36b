import CawCore
import CawUI
import Foundation

/// Performs the UI's effects: reads sessions (retrying files caught mid-write), starts and stops
/// detached runs, exports, copies to the clipboard, hands text to the pager.
final class SessionEffects {
  /// Where sessions are read from.
  let directory: DataDirectory
  /// Shows text in a pager with the terminal handed over.
  let showInPager: (String) -> Void
  /// Puts text on the terminal's clipboard.
  let copyToClipboard: (String) -> Void
  /// Where runs list themselves.
  let registry: RunRegistry
  private var follower: SessionFollower
  /// The summary index outside the data directory (none for the demo tree).
  private let cache: SummaryCache?
  /// Sessions read by a refresh and not yet handed over by `loadSession`.
  private var freshlyRead: [String: LoadedSession] = [:]

  init(
    directory: DataDirectory, registry: RunRegistry = RunRegistry(), cache: SummaryCache? = nil,
    showInPager: @escaping (String) -> Void, copyToClipboard: @escaping (String) -> Void = { _ in }
  ) {
    self.directory = directory
    self.cache = cache
    self.registry = registry
    self.showInPager = showInPager
    self.copyToClipboard = copyToClipboard
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
      showInPager(text)
      return []
    case .quit:
      return []
    }
  }

  /// The runs recording sessions of this data directory.
  func activeRuns() -> [RunRecord] {
    let data = URL(fileURLWithPath: directory.path).standardizedFileURL.path
    return registry.activeRuns().filter { $0.dataDirectory == data }
  }

  private func refresh(_ ids: Set<String>) -> Action {
    var summaries: [SessionSummary] = []
    var removed: Set<String> = []
    for id in ids.sorted() {
      guard (try? SessionID.validate(id)) != nil, FileManager.default.fileExists(atPath: directory.sessionsPath + "/" + id)
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
    let loaded = follower.refresh(path.sessionID)
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
