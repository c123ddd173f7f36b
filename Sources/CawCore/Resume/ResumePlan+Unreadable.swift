extension ResumePlan {
  /// Why the session `id` cannot be resumed although its directory is there: its `trajectory.json`
  /// exists but cannot be read, or is missing beside a broken `traj.jsonl` (a FIFO, say). nil when the
  /// file is readable, or missing from a directory that is not broken (caw resumes into such a directory).
  ///
  /// Resuming rewrites `trajectory.json` from the history it starts with; the history `traj.jsonl`
  /// rebuilds lacks what only `trajectory.json` held (the end time, metadata such as codex's thread id),
  /// so it is refused rather than lose that.
  static func unreadableSession(_ dataDirectory: DataDirectory, _ id: String, named text: String) -> String? {
    guard let path = try? dataDirectory.sessionPath(id), FileSystem.isDirectory(path) else { return nil }
    let reader = SessionReader(dataDirectory)
    guard FileSystem.status(path + "/trajectory.json") != nil else {
      // No trajectory.json: nothing to resume, as caw says, unless what is there is broken (a FIFO, say).
      let loaded = reader.loadDirectory(named: id, skimmingContent: true)
      guard loaded.status == .broken, let reason = loaded.brokenReason else { return nil }
      return "Cannot resume \(PythonRepr.repr(text)): \(reason)."
    }
    let read = reader.readTrajectory(path + "/trajectory.json", sessionPath: path, skimmingContent: true)
    guard read.trajectory == nil else { return nil }
    let reason = read.reasons.first ?? "trajectory.json cannot be read"
    let show = "`caw-tui show \(id)` lists what is wrong"
    let rebuilt = reader.loadDirectory(named: id, skimmingContent: true).trajectory
    let provider = rebuilt.flatMap { Provider(name: $0.agent) }
    guard let rebuilt, let provider, provider.resumeKey(from: rebuilt) != nil else {
      let kept =
        switch provider {
        case .codex?: " (codex's thread id is kept only in trajectory.json)"
        case .opencode?: " (opencode's session id is kept only in trajectory.json)"
        default: ""
        }
      return "Cannot resume \(PythonRepr.repr(text)): \(reason), and traj.jsonl, read instead, records no resume key\(kept). \(show)."
    }
    return "Cannot resume \(PythonRepr.repr(text)): \(reason). traj.jsonl has the session, but resuming would replace "
      + "trajectory.json with the shorter history traj.jsonl holds; restore trajectory.json first (\(show))."
  }
}
