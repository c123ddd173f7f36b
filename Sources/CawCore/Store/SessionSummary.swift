/// One row of the session list: what a user scans sessions by.
public struct SessionSummary: Sendable, Equatable {
  /// The session id (directory name).
  public var id: String
  /// The session directory's path.
  public var path: String
  /// Provider name, `""` when unknown.
  public var agent: String
  /// Model, `""` when none was recorded.
  public var model: String
  /// ISO start time, `""` when unknown.
  public var createdAt: String
  /// ISO end time, `""` when not ended.
  public var completedAt: String
  /// finished / usage-limited / unfinished / broken.
  public var status: SessionStatus
  /// Why the session is broken, when it is.
  public var brokenReason: String?
  /// Number of turns (including one in progress).
  public var turnCount: Int
  /// Tool calls, subagents' included.
  public var toolCallCount: Int
  /// Failed tool calls, subagents' included.
  public var toolErrorCount: Int
  /// Usage including every subagent, each counted once.
  public var totalUsage: UsageStats
  /// Sum of turn durations in milliseconds.
  public var durationMS: Int
  /// The first turn's input.
  public var firstUserMessage: String
  /// Newest modification time of the session's files, seconds since 1970.
  public var lastModified: Double
  /// Whether the last turn is still in progress.
  public var hasTurnInProgress: Bool
  /// Which file the figures came from.
  public var source: LoadedSession.Source?
  /// What was wrong in the files.
  public var problems: [ReadProblem]
  /// Turns whose cost is unknown (see ``UnpricedTurns``): the cost is then a lower bound, or unknown.
  public var unpricedTurnCount: Int
  /// Whether the last turn was cancelled (a stopped run): the session ended, but not as it was asked to.
  public var lastTurnCancelled = false
  /// The store the session was read from.
  public var origin: SessionOrigin = .caw
  /// The key the agent's CLI resumes the session by (caw's rule, spec §4.3), `""` when none was recorded.
  public var resumeKey = ""
  /// The agent's own record of the session: the file a native session was read from, or the one a caw
  /// session links to when known.
  public var nativePath: String?
  /// A title the agent or the user gave the session (native stores), `""` when none.
  public var title = ""
  /// The directory the agent worked in (`metadata.cwd`, or its native record's), empty when unrecorded.
  public var workingDirectory = ""

  /// Summarises a loaded session.
  public init(_ session: LoadedSession) {
    id = session.id
    path = session.path
    status = session.status
    brokenReason = session.brokenReason
    lastModified = session.lastModified
    hasTurnInProgress = session.hasTurnInProgress
    source = session.source
    problems = session.problems
    origin = session.origin
    nativePath = session.nativeRecord?.path
    title = session.nativeRecord?.title ?? ""
    // The trajectory's fields read through one binding (a list makes 10,000 summaries).
    guard let t = session.trajectory else {
      (agent, model, createdAt, completedAt, firstUserMessage) = ("", "", "", "", "")
      (turnCount, toolCallCount, toolErrorCount, durationMS, unpricedTurnCount) = (0, 0, 0, 0, 0)
      totalUsage = UsageStats()
      workingDirectory = session.nativeRecord?.workingDirectory ?? ""
      return
    }
    agent = t.agent
    model = t.model
    createdAt = t.createdAt
    completedAt = t.completedAt
    turnCount = t.turns.count
    toolCallCount = t.recursiveToolCallCount
    toolErrorCount = t.recursiveToolErrorCount
    totalUsage = t.totalUsage
    durationMS = t.durationMS
    firstUserMessage = t.turns.first?.input ?? ""
    unpricedTurnCount = UnpricedTurns.indices(t).count
    lastTurnCancelled = t.lastTurnCancelled
    if let provider = Provider(name: t.agent) { resumeKey = provider.resumeKey(from: t) ?? "" }
    workingDirectory = t.workingDirectory ?? session.nativeRecord?.workingDirectory ?? ""
  }

  /// The project, as the list shows it: the last part of the working directory (empty when unrecorded).
  public var project: String {
    workingDirectory.isEmpty ? "" : IndexedSession.projectName(of: workingDirectory)
  }
}
