/// Everything read from one session directory.
public struct LoadedSession: Sendable {
  /// Which file the trajectory came from.
  public enum Source: String, Sendable, Equatable {
    /// `trajectory.json`, the normal case.
    case trajectoryFile = "trajectory.json"
    /// Rebuilt from `traj.jsonl` because `trajectory.json` was missing or unreadable.
    case eventLog = "traj.jsonl"
    /// A Claude Code transcript (`<project>/<session>.jsonl`, with its subagents' transcripts).
    case claudeTranscript = "claude-transcript"
    /// A Codex rollout (`rollout-*.jsonl`).
    case codexRollout = "codex-rollout"
    /// opencode's JSON files (`storage/session`, `message`, `part`).
    case opencodeStorage = "opencode-storage"
    /// opencode's database (`opencode.db`).
    case opencodeDatabase = "opencode.db"
  }

  /// The directory name.
  public var id: String
  /// The session directory's path.
  public var path: String
  /// The trajectory, nil for a broken session.
  public var trajectory: Trajectory?
  /// Where the trajectory came from, nil for a broken session.
  public var source: Source?
  /// Status derived from the trajectory, or `.broken`.
  public var status: SessionStatus
  /// Why the session is broken, when it is.
  public var brokenReason: String?
  /// What was wrong in the files, even when they could be read.
  public var problems: [ReadProblem]
  /// What `traj.jsonl` held, when it was read: its problems and counts, and its rebuilt trajectory only
  /// when that is the session's (with `trajectory.json` the source, the replay keeps none).
  public var eventLog: EventLogReplay?
  /// Newest modification time of the session's files, in seconds since 1970.
  public var lastModified: Double
  /// Whether `trajectory.json` exists but could not be read (caught mid-rewrite, or damaged).
  public var trajectoryFileUnreadable = false
  /// The store the session was read from.
  public var origin: SessionOrigin = .caw
  /// The agent's own record: for a native session the one it was read from; for a caw session the one it
  /// links to, when that was looked up and found.
  public var nativeRecord: NativeRecord?

  /// Creates a loaded session from its parts (the reader builds these; tests and UIs may too).
  public init(
    id: String, path: String, trajectory: Trajectory?, source: Source?, status: SessionStatus, brokenReason: String?,
    problems: [ReadProblem], eventLog: EventLogReplay?, lastModified: Double
  ) {
    self.id = id
    self.path = path
    self.trajectory = trajectory
    self.source = source
    self.status = status
    self.brokenReason = brokenReason
    self.problems = problems
    self.eventLog = eventLog
    self.lastModified = lastModified
  }

  /// Whether the last turn is still in progress (more turns than finished `turn_end` lines).
  public var hasTurnInProgress: Bool {
    if origin != .caw { return nativeRecord?.turnInProgress ?? false }
    guard status == .unfinished, let trajectory, let eventLog, source == .trajectoryFile else { return false }
    return trajectory.turns.count > eventLog.parentTurnEnds
  }
}
