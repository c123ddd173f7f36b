/// What resuming a handle or session id needs: the provider, the ids, and the stored history if any.
public struct ResumePlan: Sendable {
  /// The provider whose CLI will resume.
  public var provider: Provider
  /// caw's session id (the directory new turns go to).
  public var sessionID: String
  /// The CLI's resume key.
  public var resumeKey: String
  /// The stored trajectory whose history is restored, when the data directory has one.
  public var storedTrajectory: Trajectory?

  /// Resolves `text` (a handle or a bare session id) against a data directory, as caw 0.1.9's
  /// `Agent.resume_session` does, with caw's error texts.
  ///
  /// - Parameter pinnedProvider: the provider the caller insists on, if any; a handle for another one
  ///   is refused as caw refuses it.
  /// - Throws: ``CawError`` `.resume` or `.invalidSessionID`.
  public static func resolve(
    _ text: String, in dataDirectory: DataDirectory?, pinnedProvider: Provider? = nil
  ) throws(CawError) -> ResumePlan {
    switch try ResumeTarget.parse(text) {
    case .handle(let handle):
      guard let provider = Provider(name: handle.provider) else {
        throw CawError(.resume, unknownProvider(handle.provider))
      }
      if let pinnedProvider, pinnedProvider != provider {
        throw CawError(
          .resume,
          "Handle is for provider '\(provider.rawValue)' but this Agent is pinned to '\(pinnedProvider.rawValue)'.")
      }
      try ResumeKey.validate(handle.resumeKey, for: provider)
      var stored: Trajectory?
      if let dataDirectory { stored = try storedTrajectory(dataDirectory, handle.sessionID) }
      if stored == nil, let dataDirectory, let reason = unreadableSession(dataDirectory, handle.sessionID, named: text) {
        throw CawError(.resume, reason)
      }
      return ResumePlan(provider: provider, sessionID: handle.sessionID, resumeKey: handle.resumeKey, storedTrajectory: stored)
    case .sessionID(let id):
      guard let dataDirectory else {
        throw CawError(
          .resume,
          "Cannot resume \(PythonRepr.repr(text)): it is not a self-contained handle and no persisted session was found (no data_dir set).")
      }
      guard let stored = try storedTrajectory(dataDirectory, id) else {
        if let reason = unreadableSession(dataDirectory, id, named: text) { throw CawError(.resume, reason) }
        throw CawError(
          .resume,
          "Cannot resume \(PythonRepr.repr(text)): it is not a self-contained handle and no persisted session was found under \(dataDirectory.path).")
      }
      let name = stored.agent.isEmpty ? (pinnedProvider ?? .claudeCode).rawValue : stored.agent
      guard let provider = Provider(name: name) else { throw CawError(.resume, unknownProvider(name)) }
      guard let key = provider.resumeKey(from: stored) else {
        throw CawError(.resume, "Cannot resume \(PythonRepr.repr(text)): no resume key was persisted for this session.")
      }
      try ResumeKey.validate(key, for: provider)
      return ResumePlan(provider: provider, sessionID: id, resumeKey: key, storedTrajectory: stored)
    }
  }

  /// The stored `trajectory.json` of a session, when it exists and can be read, read as the session
  /// reader reads it (never through a link out of the tree, never a FIFO).
  ///
  /// - Throws: ``CawError`` `.resume` when the session directory is a link leading out of the data directory.
  private static func storedTrajectory(_ dataDirectory: DataDirectory, _ id: String) throws(CawError) -> Trajectory? {
    let path = try dataDirectory.sessionPath(id)
    let reader = SessionReader(dataDirectory)
    if let escape = reader.linkEscape(path, inside: dataDirectory.sessionsPath, named: "the data directory") {
      throw CawError(.resume, "Cannot resume \(PythonRepr.repr(id)): its session directory is \(escape)", path: path)
    }
    return reader.readTrajectory(path + "/trajectory.json", sessionPath: path, skimmingContent: false).trajectory
  }

  private static func unknownProvider(_ name: String) -> String {
    "Unknown provider \(PythonRepr.repr(name)). Available: [\(Provider.registeredNames.map(PythonRepr.repr).joined(separator: ", "))]"
  }
}
