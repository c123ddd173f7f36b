import Foundation

/// Writes one session's directory exactly as caw's `SessionStore` does, so Python caw can read it and
/// append to it.
///
/// Layout: `<data_dir>/sessions/<id>/traj.jsonl`, `trajectory.json`, `turns/NNN_input.txt`,
/// `turns/NNN_raw_output.jsonl`. `traj.jsonl` appends hold an exclusive `flock`, the lock Python's
/// `fcntl.flock` takes, so both programs can append to one file. Unlike caw, `trajectory.json` and the
/// turn files are replaced atomically (temp file, rename), so a reader never sees a torn file.
///
/// Every write goes through directory descriptors opened with `O_NOFOLLOW` below the data directory
/// (``OpenDirectory``), so a session directory, `turns/` or a file that is a link cannot lead a write out
/// of the tree. A store holds an exclusive `flock` on its session directory while it exists: a second
/// store for the same session, in this process or another, is refused with the holder's name, so two
/// writers never interleave their turns. (Python caw takes no such lock; see the README.)
public struct SessionStore: Sendable {
  /// The session's id (its directory name).
  public let sessionID: String
  /// `<data_dir>/sessions/<id>`.
  public let sessionDirectory: String
  /// The number the next finished turn's files get.
  public private(set) var nextTurnIndex: Int
  private let directory: OpenDirectory
  private let turns: OpenDirectory

  /// Opens the directory of `sessionID` under `dataDirectory` (creating it, and the data directory, when
  /// `create` is set) and takes the session's writer lock.
  ///
  /// With `resume`, numbering continues after the highest `NNN_input.txt` already there (any number of
  /// digits, so it stays right past 999); otherwise it starts at 0.
  /// - Throws: ``CawError`` `.invalidSessionID` for an unsafe id; `.sessionBusy` naming the process that
  ///   records the session now; `.io` when a directory is missing (and not to be created), is a symbolic
  ///   link, or cannot be created.
  public init(dataDirectory: String, sessionID: String, resume: Bool = false, create: Bool = true) throws(CawError) {
    try SessionID.validate(sessionID)
    if create { try FileSystem.makeDirectories(dataDirectory) }
    let directory = try Self.openSessionDirectory(DataDirectory(dataDirectory), sessionID, create: create)
    guard try directory.tryLock() else {
      throw CawError(.sessionBusy, Self.busyMessage(sessionID, LockHolder.holders(of: directory)), path: directory.path)
    }
    self.sessionID = sessionID
    self.sessionDirectory = directory.path
    self.directory = directory
    try directory.requireWritable("traj.jsonl", appending: true)
    try directory.requireWritable("trajectory.json", appending: false)
    turns = try directory.subdirectory("turns", create: true)
    nextTurnIndex = resume ? Self.nextIndex(inTurns: (try? turns.names()) ?? []) : 0
  }

  /// What is recording `sessionID` now (a caw-tui run, or some other process holding its writer lock), or
  /// nil when nothing is; for refusing a run before starting it.
  public static func recorder(of sessionID: String, in dataDirectory: DataDirectory) -> String? {
    guard let directory = try? openSessionDirectory(dataDirectory, sessionID, create: false) else { return nil }
    let holders = LockHolder.holders(of: directory)
    return holders.isEmpty ? nil : busyMessage(sessionID, holders)
  }

  private static func openSessionDirectory(
    _ dataDirectory: DataDirectory, _ sessionID: String, create: Bool
  ) throws(CawError) -> OpenDirectory {
    try SessionID.validate(sessionID)
    return try OpenDirectory.open(dataDirectory.path).subdirectory("sessions", create: create)
      .subdirectory(sessionID, create: create)
  }

  private static func busyMessage(_ sessionID: String, _ holders: [LockHolder]) -> String {
    let who = holders.first?.description ?? "another process"
    let stop = holders.first.map { " (or stop it: caw-tui runs --stop \($0.pid))" } ?? ""
    return "session \(sessionID) is being recorded by \(who); two writers would mix their turns, so this one "
      + "stops. Wait for that run to end\(stop)."
  }

  /// A new caw session id: a lowercase UUID4.
  public static func newSessionID() -> String {
    UUID().uuidString.lowercased()
  }

  /// Path of `traj.jsonl`.
  public var eventLogPath: String { sessionDirectory + "/traj.jsonl" }
  /// Path of `trajectory.json`.
  public var trajectoryPath: String { sessionDirectory + "/trajectory.json" }
  /// Whether `trajectory.json` exists (as anything).
  var hasTrajectoryFile: Bool { directory.status("trajectory.json") != nil }

  /// Appends the `metadata` line (once, when the session starts).
  public func writeMetadata(_ trajectory: Trajectory) throws(CawError) {
    try directory.appendLocked(TrajEvent.lines([TrajEvent.metadata(trajectory)]), to: "traj.jsonl")
  }

  /// Records a finished turn in caw's order: input file, raw output file, `traj.jsonl` events, then the
  /// `trajectory.json` snapshot; then advances the turn number.
  public mutating func appendTurn(_ turn: Turn, trajectory: Trajectory, rawOutput: String?) throws(CawError) {
    let prefix = Self.turnPrefix(nextTurnIndex)
    try turns.writeAtomically(Array(turn.input.utf8), to: "\(prefix)_input.txt", sync: false)
    if let rawOutput { try turns.writeAtomically(Array(rawOutput.utf8), to: "\(prefix)_raw_output.jsonl", sync: false) }
    try finishTurn(turn, trajectory: trajectory)
  }

  /// Records a finished turn whose raw output was spooled to `rawOutputFile` (copied, not moved).
  public mutating func appendTurn(_ turn: Turn, trajectory: Trajectory, rawOutputFile: String) throws(CawError) {
    let prefix = Self.turnPrefix(nextTurnIndex)
    try turns.writeAtomically(Array(turn.input.utf8), to: "\(prefix)_input.txt", sync: false)
    try turns.writeAtomically(copyOf: rawOutputFile, to: "\(prefix)_raw_output.jsonl")
    try finishTurn(turn, trajectory: trajectory)
  }

  private mutating func finishTurn(_ turn: Turn, trajectory: Trajectory) throws(CawError) {
    try appendTurnEvents(turn, index: nextTurnIndex)
    try saveTrajectory(trajectory)
    nextTurnIndex += 1
  }

  /// Writes turn `index`'s input and raw output files only (the synthetic trees' quick path).
  func writeTurnFiles(_ index: Int, input: String, rawOutput: [UInt8]) throws(CawError) {
    let prefix = Self.turnPrefix(index)
    try turns.writeAtomically(Array(input.utf8), to: "\(prefix)_input.txt", sync: false)
    try turns.writeAtomically(rawOutput, to: "\(prefix)_raw_output.jsonl", sync: false)
  }

  /// Appends the `traj.jsonl` events of turn `index` in one locked write.
  func appendTurnEvents(_ turn: Turn, index: Int) throws(CawError) {
    try directory.appendLocked(TrajEvent.lines(TrajEvent.turn(turn, index: index)), to: "traj.jsonl")
  }

  /// Replaces `trajectory.json` with a snapshot of a turn in progress: atomic, but not synced to disk,
  /// since the next event replaces it again.
  public func saveSnapshot(_ trajectory: Trajectory) throws(CawError) {
    try directory.writeAtomically(trajectory.trajectoryFileBytes(), to: "trajectory.json", sync: false)
  }

  /// Appends a subagent's finished turn to this session's log, tagged with the subagent's spec name.
  public func appendSubagentTurn(_ turn: Turn, index: Int, subagent: String) throws(CawError) {
    try directory.appendLocked(TrajEvent.lines(TrajEvent.turn(turn, index: index), subagent: subagent), to: "traj.jsonl")
  }

  /// Replaces `trajectory.json` atomically with the given snapshot.
  public func saveTrajectory(_ trajectory: Trajectory) throws(CawError) {
    try directory.writeAtomically(trajectory.trajectoryFileBytes(), to: "trajectory.json")
  }

  /// caw's `NNN`: at least three digits, more past 999.
  public static func turnPrefix(_ index: Int) -> String {
    let digits = String(index)
    return digits.count >= 3 ? digits : String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// One past the highest `NNN_input.txt` number among `names`, 0 if none.
  static func nextIndex(inTurns names: [String]) -> Int {
    let indices = names.compactMap { name -> Int? in
      guard name.hasSuffix("_input.txt") else { return nil }
      let digits = name.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, name.dropFirst(digits.count) == "_input.txt" else { return nil }
      return Int(digits)
    }
    return (indices.max() ?? -1) + 1
  }
}
