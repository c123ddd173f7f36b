import Glibc

/// Reading the two files of a session, each on its own so a large session can read them in parallel.
extension SessionReader {
  /// Bytes of both session files together past which they are read in parallel.
  static let parallelReadSize = 8 << 20

  /// What one of a session's two files gave.
  enum SessionFilePart: Sendable {
    case trajectory(TrajectoryFileRead)
    case eventLog(EventLogRead)
  }

  /// `trajectory.json`: the trajectory and its problems, or why it could not be used.
  struct TrajectoryFileRead: Sendable {
    var trajectory: Trajectory?
    var problems: [ReadProblem] = []
    var reasons: [String] = []
  }

  /// `traj.jsonl`: its replay, or why it could not be read.
  struct EventLogRead: Sendable {
    var replay: EventLogReplay?
    var isEmpty = false
    var reasons: [String] = []
  }

  /// Reads `trajectory.json` (through ``ContentSkimmer`` when skimming and the file is regular).
  func readTrajectory(_ file: String, sessionPath: String, skimmingContent: Bool) -> TrajectoryFileRead {
    var part = TrajectoryFileRead()
    guard mayRead(file, sessionPath: sessionPath, reasons: &part.reasons) else { return part }
    // Skimmed, the content strings need not be held: read a copy without them when the file is regular.
    if skimmingContent, let compact = try? ContentSkimmer.compact(file: file),
      let (trajectory, problems) = try? Trajectory.read(compact, skimmingContent: true)
    {
      part.problems = problems
      part.trajectory = trajectory
      if trajectory == nil { part.reasons.append("trajectory.json: \(problems.first?.message ?? "not a trajectory")") }
      return part
    }
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.read(file)
    } catch {
      part.reasons.append(error.message)
      return part
    }
    do {
      let (trajectory, problems) = try Trajectory.read(bytes, skimmingContent: skimmingContent)
      part.problems = problems
      part.trajectory = trajectory
      if trajectory == nil { part.reasons.append("trajectory.json: \(problems.first?.message ?? "not a trajectory")") }
    } catch {
      let what = bytes.isEmpty ? "is empty" : error.isTruncation ? "is torn (\(error))" : "is not JSON (\(error))"
      part.reasons.append("trajectory.json \(what)")
    }
    return part
  }

  /// Replays `traj.jsonl` from chunks.
  func readEventLog(_ file: String, sessionPath: String, skimmingContent: Bool) -> EventLogRead {
    var part = EventLogRead()
    guard mayRead(file, sessionPath: sessionPath, reasons: &part.reasons) else { return part }
    do {
      let (replay, byteCount) = try EventLogReplay.read(file, skimmingContent: skimmingContent)
      part.replay = replay
      part.isEmpty = byteCount == 0
    } catch {
      part.reasons.append(error.message)
    }
    return part
  }

  /// Whether a file of the session exists and may be read: not a directory, not a link out of the
  /// session directory (noting why not in `reasons`).
  private func mayRead(_ file: String, sessionPath: String, reasons: inout [String]) -> Bool {
    guard FileSystem.status(file) != nil else { return false }
    let name = FileSystem.baseName(of: file)
    if let escape = linkEscape(file, inside: sessionPath, named: "the session directory") {
      reasons.append("\(name): \(escape)")
      return false
    }
    if FileSystem.isDirectory(file) {
      reasons.append("\(name) is a directory")
      return false
    }
    return true
  }
}
