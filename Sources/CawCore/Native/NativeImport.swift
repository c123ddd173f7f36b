import Foundation
import OrderedCollections

/// Turns a native session into a caw session: the directory Python caw writes (metadata line, each turn's
/// input, raw output and events, `trajectory.json`), so `caw traj` reads it and caw's `resume_session`
/// continues it through the agent's CLI.
public enum NativeImport {
  /// Writes `trajectory` (read from `record`) as session `sessionID` of `dataDirectory`; returns its directory.
  ///
  /// The id is the native one (for Claude it has to be: caw resumes Claude by the session id), so
  /// importing twice is refused rather than duplicated. Each turn's raw output file is empty: the native
  /// record is not a CLI stream. `metadata.native` names the record, `metadata.cwd` the directory the agent
  /// worked in (a resume runs there).
  /// - Throws: ``CawError`` when the session already exists or a file cannot be written.
  @discardableResult
  public static func write(
    _ trajectory: Trajectory, record: NativeRecord, into dataDirectory: DataDirectory, sessionID: String? = nil
  ) throws(CawError) -> String {
    let id = sessionID ?? trajectory.sessionID
    let directory = try dataDirectory.sessionPath(id)
    guard FileSystem.status(directory) == nil else {
      throw CawError(.fileExists, "session \(id) already exists in \(dataDirectory.sessionsPath); not imported again")
    }
    var stored = trajectory
    stored.sessionID = id
    var native = stored.metadata["native"]?.objectValue ?? [:]
    native["origin"] = .string(record.origin.rawValue)
    native["path"] = .string(record.path)
    native["imported_at"] = .string(ISOTime.now())
    stored.metadata["native"] = .object(native)
    if !record.workingDirectory.isEmpty && stored.metadata["cwd"] == nil {
      stored.metadata["cwd"] = .string(record.workingDirectory)
    }
    // An imported session is one the agent has stopped writing to as far as this copy goes.
    if stored.completedAt.isEmpty { stored.completedAt = ISOTime.now() }
    var store = try SessionStore(dataDirectory: dataDirectory.path, sessionID: id)
    var header = stored
    header.turns = []
    try store.writeMetadata(header)
    var partial = header
    partial.usage = UsageStats()
    partial.durationMS = 0
    partial.completedAt = ""
    for turn in stored.turns {
      partial.turns.append(turn)
      partial.usage = partial.usage + turn.usage
      partial.durationMS += turn.durationMS
      try store.appendTurn(turn, trajectory: partial, rawOutput: "")
    }
    try store.saveTrajectory(stored)
    return store.sessionDirectory
  }
}
