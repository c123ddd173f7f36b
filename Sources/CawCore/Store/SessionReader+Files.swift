import Glibc
import OrderedCollections

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
  package struct TrajectoryFileRead: Sendable {
    package var trajectory: Trajectory?
    package var problems: [ReadProblem] = []
    package var reasons: [String] = []
  }

  /// `traj.jsonl`: its replay, or why it could not be read.
  struct EventLogRead: Sendable {
    var replay: EventLogReplay?
    var isEmpty = false
    var reasons: [String] = []
  }

  /// Reads `trajectory.json`: through ``ContentSkimmer`` when skimming; for a full read of a large file,
  /// or one within a `budget`, as a marked skim whose strings are then read one by one (so the file and
  /// its text are never both in memory, and too deep a nesting is refused after one chunk).
  package func readTrajectory(
    _ file: String, sessionPath: String, skimmingContent: Bool, budget: TextBudget = .unlimited
  ) -> TrajectoryFileRead {
    var part = TrajectoryFileRead()
    guard mayRead(file, sessionPath: sessionPath, reasons: &part.reasons) else { return part }
    if skimmingContent {
      // Skimmed, the content strings need not be held: read a copy without them when the file is regular.
      switch try? ContentSkimmer.skim(file: file) {
      case .compact(let compact, _, let turns)?:
        if let (trajectory, problems) = try? Trajectory.readSkimmed(compact, turns: turns) {
          return Self.decoded(trajectory, problems)
        }
      case .tooDeep(let error)?:
        part.reasons.append("trajectory.json is not JSON (\(error))")
        return part
      default: break
      }
    } else if Self.readsMarked(size: Int(FileSystem.status(file)?.st_size ?? 0), budget: budget),
      let read = readMarked(file, budget: budget)
    {
      return read
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
      return Self.decoded(trajectory, problems)
    } catch {
      let what = bytes.isEmpty ? "is empty" : error.isTruncation ? "is torn (\(error))" : "is not JSON (\(error))"
      part.reasons.append("trajectory.json \(what)")
    }
    return part
  }

  /// A session's outline: its `trajectory.json` read skimmed (turns, tool calls and usage without their
  /// text), `traj.jsonl` left alone; nil when the session or the file cannot be read so. Its tool calls
  /// keep their names, errors and subagents but not their ids or arguments, which no outline shows and
  /// which would double a view's memory while the whole session is read beside it.
  public func outline(named name: String) -> Trajectory? {
    let path = dataDirectory.sessionsPath + "/" + name
    guard FileSystem.status(path) != nil,
      linkEscape(path, inside: dataDirectory.sessionsPath, named: "the data directory") == nil,
      var outline = readTrajectory(path + "/trajectory.json", sessionPath: path, skimmingContent: true).trajectory
    else { return nil }
    outline.changeToolCalls { call in
      call.id = ""
      call.arguments = .object([:])
    }
    return outline
  }

  /// Whether a full read of a file of `size` bytes goes through a marked skim: when it is large, or could
  /// hold more text than `budget` keeps (a smaller file cannot).
  static func readsMarked(size: Int, budget: TextBudget) -> Bool {
    size >= parallelReadSize || size > min(budget.perString, budget.total)
  }

  /// A full read of `trajectory.json` from a marked skim, its strings read within `budget`; nil when only
  /// reading the whole file reports it exactly.
  package func readMarked(_ file: String, budget: TextBudget) -> TrajectoryFileRead? {
    let marker = ContentMarker()
    guard var parsed = Self.parsedSkim(file, marker: marker) else { return nil }
    if let error = parsed.tooDeep { return TrajectoryFileRead(reasons: ["trajectory.json is not JSON (\(error))"]) }
    let (problems, ranges) = (parsed.problems, parsed.ranges)
    // Taken out, so reading its text changes it in place rather than a copy.
    guard var trajectory = parsed.trajectory.take() else { return Self.decoded(nil, problems) }
    guard let strings = try? ContentStrings(path: file, ranges: ranges, marker: marker) else {
      return Self.decoded(trajectory, problems)
    }
    var left = budget.total
    var invalidUTF8 = false
    var unread = Set(ranges.indices)
    func text(_ text: String) throws(CawError) -> String {
      guard let index = marker.index(of: text) else { return text }
      unread.remove(index)
      let read = try strings.text(index, limit: min(budget.perString, max(left, 0)))
      left -= read.text.utf8.count
      invalidUTF8 = invalidUTF8 || read.sawInvalidUTF8
      return read.omittedBytes > 0 ? read.text + TextBudget.omissionNote(read.omittedBytes) : read.text
    }
    // A long tool output keeps its head; the rest is read from the file when it is shown.
    func toolOutput(_ call: inout ToolUse) throws(CawError) {
      guard let index = marker.index(of: call.output), ranges[index].count >= budget.deferredFrom else {
        call.output = try text(call.output)
        return
      }
      unread.remove(index)
      let outline = try strings.outline(index, head: min(budget.deferredHead, max(left, 0)))
      left -= outline.head.utf8.count
      invalidUTF8 = invalidUTF8 || outline.sawInvalidUTF8
      call.output = outline.head + TextBudget.omissionNote(outline.byteCount - outline.head.utf8.count)
      call.deferredOutput = DeferredText(
        path: file, range: ranges[index], stamp: strings.stamp, byteCount: outline.byteCount,
        lineCount: outline.lineCount)
    }
    guard (try? trajectory.mapContent(text, toolOutput: budget.deferredFrom == .max ? nil : toolOutput)) != nil
    else { return nil }
    // A string the trajectory does not use (`text` in a tool call) is still part of the file: the full
    // read notes its invalid UTF-8, so this one does too.
    if !invalidUTF8 { invalidUTF8 = unread.contains { (try? strings.isValidUTF8($0)) != true } }
    var all = problems
    if invalidUTF8 && all.first != Trajectory.invalidUTF8Problem() {
      all.insert(Trajectory.invalidUTF8Problem(), at: 0)
    }
    return Self.decoded(trajectory, all)
  }

  /// A marked skim of a file, parsed: the trajectory with markers for its text, its problems, and where
  /// each marked string lies; or the error of a nesting deeper than the parser allows.
  private struct ParsedSkim {
    var trajectory: Trajectory?
    var problems: [ReadProblem] = []
    var ranges: [Range<Int>] = []
    var tooDeep: JSONParseError?
  }

  /// The file skimmed with `marker` and parsed, its copy let go before any text is read; nil when only
  /// reading the whole file reports it exactly.
  private static func parsedSkim(_ file: String, marker: ContentMarker) -> ParsedSkim? {
    switch try? ContentSkimmer.skim(file: file, marking: marker) {
    case .tooDeep(let error)?: return ParsedSkim(tooDeep: error)
    case .compact(let compact, let ranges, _)?:
      guard let (trajectory, problems) = try? Trajectory.read(compact) else { return nil }
      return ParsedSkim(trajectory: trajectory, problems: problems, ranges: ranges)
    default: return nil
    }
  }

  /// The read of a decoded trajectory (nil: the file is JSON but not a trajectory).
  private static func decoded(_ trajectory: Trajectory?, _ problems: [ReadProblem]) -> TrajectoryFileRead {
    var part = TrajectoryFileRead(trajectory: trajectory, problems: problems)
    if trajectory == nil { part.reasons.append("trajectory.json: \(problems.first?.message ?? "not a trajectory")") }
    return part
  }

  /// How much of `traj.jsonl` a read needs.
  enum EventLogNeed {
    /// Its problems and counts (`trajectory.json` is the source): its lines are checked, and replayed
    /// skimmed only when one is irregular (``EventLogReplay/check(_:)``).
    case problems
    /// Its replay with text and tool outputs read as `""`.
    case skimmed
    /// Its whole replay.
    case whole
  }

  /// Replays (or checks) `traj.jsonl` from chunks.
  func readEventLog(_ file: String, sessionPath: String, need: EventLogNeed) -> EventLogRead {
    var part = EventLogRead()
    guard mayRead(file, sessionPath: sessionPath, reasons: &part.reasons) else { return part }
    do {
      if need == .problems, let (replay, byteCount) = try EventLogReplay.check(file) {
        part.replay = replay
        part.isEmpty = byteCount == 0
        return part
      }
      let (replay, byteCount) = try EventLogReplay.read(file, skimmingContent: need != .whole)
      part.replay = replay
      part.isEmpty = byteCount == 0
    } catch {
      part.reasons.append(error.message)
    }
    return part
  }

  /// Whether a file of the session exists and may be read: not a directory, not a link out of the
  /// session directory (noting why not in `reasons`).
  func mayRead(_ file: String, sessionPath: String, reasons: inout [String]) -> Bool {
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
