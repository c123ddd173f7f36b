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
    let t = session.trajectory
    id = session.id
    path = session.path
    agent = t?.agent ?? ""
    model = t?.model ?? ""
    createdAt = t?.createdAt ?? ""
    completedAt = t?.completedAt ?? ""
    status = session.status
    brokenReason = session.brokenReason
    turnCount = t?.turns.count ?? 0
    toolCallCount = t?.recursiveToolCallCount ?? 0
    toolErrorCount = t?.recursiveToolErrorCount ?? 0
    totalUsage = t?.totalUsage ?? UsageStats()
    durationMS = t?.durationMS ?? 0
    firstUserMessage = t?.turns.first?.input ?? ""
    lastModified = session.lastModified
    hasTurnInProgress = session.hasTurnInProgress
    source = session.source
    problems = session.problems
    unpricedTurnCount = t.map { UnpricedTurns.indices($0).count } ?? 0
    lastTurnCancelled = t?.lastTurnCancelled ?? false
    origin = session.origin
    if let t, let provider = Provider(name: t.agent) { resumeKey = provider.resumeKey(from: t) ?? "" }
    nativePath = session.nativeRecord?.path
    title = session.nativeRecord?.title ?? ""
    workingDirectory = t?.workingDirectory ?? session.nativeRecord?.workingDirectory ?? ""
  }

  /// The project, as the list shows it: the last part of the working directory (empty when unrecorded).
  public var project: String {
    workingDirectory.isEmpty ? "" : IndexedSession.projectName(of: workingDirectory)
  }
}
