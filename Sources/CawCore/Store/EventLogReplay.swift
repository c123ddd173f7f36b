/// Rebuilds a trajectory from `traj.jsonl` when `trajectory.json` is missing or torn.
///
/// The first `metadata` line gives the session fields; the parent's `user` … `turn_end` events give the
/// turns (a turn with no `turn_end` yet is kept as in progress). Lines tagged `subagent` are counted but
/// not turned into turns: their content also arrives inside the parent's `tool_result`. Lines that are
/// not JSON objects are reported and skipped.
public struct EventLogReplay: Sendable {
  /// The rebuilt trajectory, nil when the log held no usable line.
  public var trajectory: Trajectory?
  /// Lines that could not be used, and schema problems of the rest.
  public var problems: [ReadProblem] = []
  /// Non-empty lines in the log.
  public var lineCount = 0
  /// `turn_end` lines of the parent agent (not of subagents).
  public var parentTurnEnds = 0
  /// Lines tagged with a subagent name.
  public var subagentLines = 0
  /// `metadata` lines (more than one after a resume into a directory without `trajectory.json`).
  public var metadataLines = 0

  /// Replays the bytes of a `traj.jsonl` file; with `skimmingContent`, text and tool outputs are read as
  /// `""` (see ``JSONParser``).
  public init(_ bytes: [UInt8], file: String = "traj.jsonl", skimmingContent: Bool = false) {
    var builder = EventLogBuilder(file: file, skimmingContent: skimmingContent)
    bytes.withUnsafeBufferPointer { buffer in LineReader.forEachLine(in: buffer) { builder.add($0) } }
    self = builder.finish()
  }

  /// Replays the `traj.jsonl` file at `path`, read in chunks so memory holds its longest line, not all
  /// of it (a line longer than ``LineReader/maxLineBytes`` is reported and skipped); also gives the file's size.
  ///
  /// - Throws: ``CawError`` when the file cannot be read.
  static func read(
    _ path: String, file: String = "traj.jsonl", skimmingContent: Bool = false
  ) throws(CawError) -> (replay: EventLogReplay, byteCount: Int) {
    var builder = EventLogBuilder(file: file, skimmingContent: skimmingContent)
    let byteCount = try LineReader.forEachLine(ofFile: path, oversized: { builder.addOversized($0) }) { builder.add($0) }
    return (builder.finish(), byteCount)
  }

  /// The counts of the `traj.jsonl` file at `path` (no trajectory), when its replay would note no problem:
  /// each line checked by ``TrajectoryFigureScanner/eventLine(_:)`` without building it. Nil when a line
  /// is irregular, out of order or too long, or the log has turns but no `metadata` line: only the replay
  /// reports those. For a session whose `trajectory.json` is whole, which needs only the log's problems
  /// and turn ends.
  ///
  /// - Throws: ``CawError`` when the file cannot be read.
  static func check(_ path: String) throws(CawError) -> (replay: EventLogReplay, byteCount: Int)? {
    var replay = EventLogReplay()
    var regular = true
    var inTurn = false
    let byteCount = try LineReader.forEachLine(ofFile: path, oversized: { _ in regular = false }) { line in
      guard regular, !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
      replay.lineCount += 1
      switch TrajectoryFigureScanner.eventLine(line) {
      case .subagent?: replay.subagentLines += 1
      case .metadata?: replay.metadataLines += 1
      case .user?: inTurn = true
      case .content?: regular = inTurn
      case .turnEnd?:
        regular = inTurn
        replay.parentTurnEnds += 1
      case nil: regular = false
      }
    }
    guard regular, replay.metadataLines > 0 || !inTurn else { return nil }
    return (replay, byteCount)
  }

  /// A replay of no lines.
  init() {}
}
