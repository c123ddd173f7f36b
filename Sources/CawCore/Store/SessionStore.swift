import Foundation

/// Writes one session's directory exactly as caw's `SessionStore` does, so Python caw can read it and
/// append to it.
///
/// Layout: `<data_dir>/sessions/<id>/traj.jsonl`, `trajectory.json`, `turns/NNN_input.txt`,
/// `turns/NNN_raw_output.jsonl`. `traj.jsonl` appends hold an exclusive `flock`, the lock Python's
/// `fcntl.flock` takes, so both programs can append to one file. Unlike caw, `trajectory.json` is
/// replaced atomically (temp file, fsync, rename), so a reader never sees a torn file.
public struct SessionStore: Sendable {
  /// The session's id (its directory name).
  public let sessionID: String
  /// `<data_dir>/sessions/<id>`.
  public let sessionDirectory: String
  /// The number the next finished turn's files get.
  public private(set) var nextTurnIndex: Int

  /// Opens (creating if needed) the directory of `sessionID` under `dataDirectory`.
  ///
  /// With `resume`, numbering continues after the highest `NNN_input.txt` already there (any number of
  /// digits, so it stays right past 999); otherwise it starts at 0.
  /// - Throws: ``CawError`` for an invalid id or a directory that cannot be created.
  public init(dataDirectory: String, sessionID: String, resume: Bool = false) throws(CawError) {
    try SessionID.validate(sessionID)
    self.sessionID = sessionID
    self.sessionDirectory = DataDirectory(dataDirectory).sessionsPath + "/" + sessionID
    try FileSystem.makeDirectories(sessionDirectory + "/turns")
    nextTurnIndex = resume ? Self.nextIndex(inTurns: sessionDirectory + "/turns") : 0
  }

  /// A new caw session id: a lowercase UUID4.
  public static func newSessionID() -> String {
    UUID().uuidString.lowercased()
  }

  /// Path of `traj.jsonl`.
  public var eventLogPath: String { sessionDirectory + "/traj.jsonl" }
  /// Path of `trajectory.json`.
  public var trajectoryPath: String { sessionDirectory + "/trajectory.json" }

  /// Appends the `metadata` line (once, when the session starts).
  public func writeMetadata(_ trajectory: Trajectory) throws(CawError) {
    try FileSystem.appendLocked(TrajEvent.lines([TrajEvent.metadata(trajectory)]), to: eventLogPath)
  }

  /// Records a finished turn in caw's order: input file, raw output file, `traj.jsonl` events, then the
  /// `trajectory.json` snapshot; then advances the turn number.
  public mutating func appendTurn(_ turn: Turn, trajectory: Trajectory, rawOutput: String?) throws(CawError) {
    try appendTurn(turn, trajectory: trajectory) { (path) throws(CawError) in
      if let rawOutput { try FileSystem.overwrite(Array(rawOutput.utf8), to: path) }
    }
  }

  /// Records a finished turn whose raw output was spooled to `rawOutputFile` (copied, not moved).
  public mutating func appendTurn(_ turn: Turn, trajectory: Trajectory, rawOutputFile: String) throws(CawError) {
    try appendTurn(turn, trajectory: trajectory) { (path) throws(CawError) in
      try FileSystem.copy(rawOutputFile, to: path)
    }
  }

  private mutating func appendTurn(
    _ turn: Turn, trajectory: Trajectory, writeRawOutput: (String) throws(CawError) -> Void
  ) throws(CawError) {
    let prefix = Self.turnPrefix(nextTurnIndex)
    try FileSystem.overwrite(Array(turn.input.utf8), to: "\(sessionDirectory)/turns/\(prefix)_input.txt")
    try writeRawOutput("\(sessionDirectory)/turns/\(prefix)_raw_output.jsonl")
    try FileSystem.appendLocked(TrajEvent.lines(TrajEvent.turn(turn, index: nextTurnIndex)), to: eventLogPath)
    try saveTrajectory(trajectory)
    nextTurnIndex += 1
  }

  /// Replaces `trajectory.json` with a snapshot of a turn in progress: atomic, but not synced to disk,
  /// since the next event replaces it again.
  public func saveSnapshot(_ trajectory: Trajectory) throws(CawError) {
    try FileSystem.writeAtomically(trajectory.trajectoryFileBytes(), to: trajectoryPath, sync: false)
  }

  /// Appends a subagent's finished turn to this session's log, tagged with the subagent's spec name.
  public func appendSubagentTurn(_ turn: Turn, index: Int, subagent: String) throws(CawError) {
    try FileSystem.appendLocked(
      TrajEvent.lines(TrajEvent.turn(turn, index: index), subagent: subagent), to: eventLogPath)
  }

  /// Replaces `trajectory.json` atomically with the given snapshot.
  public func saveTrajectory(_ trajectory: Trajectory) throws(CawError) {
    try FileSystem.writeAtomically(trajectory.trajectoryFileBytes(), to: trajectoryPath)
  }

  /// caw's `NNN`: at least three digits, more past 999.
  public static func turnPrefix(_ index: Int) -> String {
    let digits = String(index)
    return digits.count >= 3 ? digits : String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// One past the highest `NNN_input.txt` number in `turnsPath`, 0 if none.
  static func nextIndex(inTurns turnsPath: String) -> Int {
    let names = (try? FileSystem.list(turnsPath)) ?? []
    let indices = names.compactMap { name -> Int? in
      guard name.hasSuffix("_input.txt") else { return nil }
      let digits = name.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, name.dropFirst(digits.count) == "_input.txt" else { return nil }
      return Int(digits)
    }
    return (indices.max() ?? -1) + 1
  }
}
