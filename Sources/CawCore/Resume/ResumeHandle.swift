import OrderedCollections
/// caw's self-contained resume handle: provider, caw session id and the CLI's own resume key.
public struct ResumeHandle: Sendable, Equatable {
  /// The handle format version (caw writes 1 and never checks it).
  public var version: JSONNumber
  /// The provider name as stored (normally canonical).
  public var provider: String
  /// caw's session id.
  public var sessionID: String
  /// The CLI's key: claude's session id, codex's thread id or opencode's session id.
  public var resumeKey: String

  /// Creates a version-1 handle.
  public init(provider: String, sessionID: String, resumeKey: String) {
    self.version = .int(1)
    self.provider = provider
    self.sessionID = sessionID
    self.resumeKey = resumeKey
  }

  /// The handle text exactly as Python's `json.dumps` writes it.
  public var encoded: String {
    PythonJSONWriter.string(
      .object([
        "version": .number(version), "provider": .string(provider), "session_id": .string(sessionID),
        "resume_key": .string(resumeKey),
      ]), style: .singleLine)
  }

  /// The handle for a stored trajectory, as caw's `Session.resume_handle` computes it for a loaded session.
  ///
  /// - Throws: ``CawError`` `.resume` with caw's texts: an unknown provider, or no key persisted yet.
  public static func forTrajectory(_ trajectory: Trajectory) throws(CawError) -> ResumeHandle {
    // NB: caw resolves an empty agent to its default provider (claude_code) and keeps "" in the handle.
    let name = trajectory.agent.isEmpty ? Provider.claudeCode.rawValue : trajectory.agent
    guard let provider = Provider(name: name) else {
      throw CawError(
        .resume,
        "Unknown provider \(PythonRepr.repr(name)). Available: [\(Provider.registeredNames.map(PythonRepr.repr).joined(separator: ", "))]")
    }
    guard let key = provider.resumeKey(from: trajectory) else {
      throw CawError(
        .resume, "No resume key available yet — send at least one message before requesting a resume handle.")
    }
    return ResumeHandle(provider: trajectory.agent, sessionID: trajectory.sessionID, resumeKey: key)
  }
}
