import OrderedCollections
/// What a session read from an agent's own store carries besides its trajectory.
public struct NativeRecord: Sendable, Equatable {
  /// The store it came from.
  public var origin: SessionOrigin
  /// The file the record lives in (the transcript, the rollout, opencode's session file or database).
  public var path: String
  /// The id the agent's CLI resumes it by (Claude session id, Codex thread id, opencode session id).
  public var resumeKey: String
  /// The directory the agent worked in, when recorded.
  public var workingDirectory: String
  /// The CLI version that wrote it, when recorded.
  public var cliVersion: String
  /// A title the agent or the user gave the session, when there is one.
  public var title: String
  /// Records of a type this reader does not know, by type, counted rather than dropped silently.
  public var unknownRecordTypes: [String: Int]
  /// Whether the last turn looks unfinished (the agent may still be writing it).
  public var turnInProgress: Bool
  /// Further files the record was read from (Claude subagent transcripts).
  public var extraFiles: [String]

  /// Creates a record description.
  public init(
    origin: SessionOrigin, path: String, resumeKey: String, workingDirectory: String = "", cliVersion: String = "",
    title: String = "", unknownRecordTypes: [String: Int] = [:], turnInProgress: Bool = false, extraFiles: [String] = []
  ) {
    self.origin = origin
    self.path = path
    self.resumeKey = resumeKey
    self.workingDirectory = workingDirectory
    self.cliVersion = cliVersion
    self.title = title
    self.unknownRecordTypes = unknownRecordTypes
    self.turnInProgress = turnInProgress
    self.extraFiles = extraFiles
  }
}
