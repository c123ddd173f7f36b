import Dispatch
import Glibc
import Synchronization

/// Reads the sessions of a `caw_data` tree: lists them with summaries and loads one in full.
///
/// It never writes. A session whose files cannot be read is reported as `.broken` with its reason and
/// the scan goes on; a session directory that is a symbolic link leading out of the data directory is
/// not followed.
public struct SessionReader: Sendable {
  /// The tree being read.
  public let dataDirectory: DataDirectory

  /// Reads the tree at `dataDirectory`.
  public init(_ dataDirectory: DataDirectory) {
    self.dataDirectory = dataDirectory
  }

  /// The names of the entries under `sessions/` that are directories (or links to directories).
  ///
  /// - Throws: ``CawError`` when there is no `sessions` directory: the path is not a caw data tree.
  public func sessionIDs() throws(CawError) -> [String] {
    try sessionNames().sorted()
  }

  /// ``sessionIDs()`` in the directory's order, for a caller that orders them itself (sorting 10,000
  /// names by `String`'s rules takes longer than listing them).
  func sessionNames() throws(CawError) -> [String] {
    let sessions = dataDirectory.sessionsPath
    guard FileSystem.isDirectory(sessions) else {
      let what = FileSystem.isDirectory(dataDirectory.path) ? "has no sessions/ directory" : "does not exist"
      throw CawError(.sessionNotFound, "no caw data at \(dataDirectory.path): it \(what)")
    }
    return try FileSystem.entries(sessions).filter { entry in
      if entry.exact && (entry.type == UInt8(DT_DIR) || entry.type == UInt8(DT_LNK)) { return true }
      if entry.exact && entry.type != UInt8(DT_UNKNOWN) { return false }
      // NB: a name that cannot be stat'ed (not UTF-8, or gone) is kept, so it is listed as broken.
      guard let st = FileSystem.status(sessions + "/" + entry.name) else { return true }
      let type = st.st_mode & S_IFMT
      return type == S_IFDIR || type == S_IFLNK
    }.map(\.name)
  }

  /// Summaries of every session, newest first (by `created_at`, then by modification time).
  ///
  /// With a `cache`, a session whose files are unchanged since it was last summarised (same size,
  /// modification and change times, inode) is taken from it; the rest are read and the cache updated.
  public func listSessions(cache: SummaryCache? = nil) throws(CawError) -> [SessionSummary] {
    let ids = try sessionNames()
    if let cache { return cache.summariesNewestFirst(of: ids, reader: self) }
    let sessions = open(dataDirectory.sessionsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { if sessions >= 0 { close(sessions) } }
    var summaries = Self.inParallel(ids.count) { summarise(ids[$0], sessions: sessions >= 0 ? sessions : nil) }
    Self.sortNewestFirst(&summaries)
    return summaries
  }

  /// Orders `summaries` by `created_at`, newest first, then by modification time, then by id.
  static func sortNewestFirst(_ summaries: inout [SessionSummary]) {
    let keys = summaries.withUnsafeBufferPointer { $0.map { ($0.startTime, $0.id) } }
    let order = keys.indices.sorted { a, b in
      keys[a].0 != keys[b].0 ? keys[a].0 > keys[b].0 : keys[a].1 < keys[b].1
    }
    // Put in that order by swaps along each cycle: the summaries are moved, never copied.
    var placed = [Bool](repeating: false, count: order.count)
    summaries.withUnsafeMutableBufferPointer { buffer in
      for start in order.indices where !placed[start] {
        var position = start
        while true {
          placed[position] = true
          let source = order[position]
          if source == start { break }
          buffer.swapAt(position, source)
          position = source
        }
      }
    }
  }

  /// Session ids newest first, found from the first 4 KiB of each `trajectory.json` instead of whole files.
  ///
  /// For every session caw wrote this is the order of ``listSessions(cache:)``, so a list can show its
  /// first screen of exact summaries (``summarise(_:)``) before the rest are read. A session whose head
  /// holds no `created_at` sorts by its files' modification time; a damaged file (a repeated key, a
  /// `created_at` that is not a string) may sort elsewhere here than in the full list.
  public func idsNewestFirst() throws(CawError) -> [String] {
    // In the directory's order (the sort below breaks ties by id), each looked up from `sessions/`.
    let ids = try sessionNames()
    let sessions = open(dataDirectory.sessionsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    defer { if sessions >= 0 { close(sessions) } }
    let (base, prefix) = sessions >= 0 ? (sessions, "") : (AT_FDCWD, dataDirectory.sessionsPath + "/")
    let times = Self.inParallel(ids.count) { index -> Double in
      let path = prefix + ids[index]
      if let time = Self.headCreatedAt(base, path + "/trajectory.json") { return time }
      func modified(_ path: String) -> Double { Self.status(base, path).map(Self.modificationTime) ?? 0 }
      return max(modified(path + "/trajectory.json"), modified(path + "/traj.jsonl"), modified(path))
    }
    return ids.indices.sorted { times[$0] != times[$1] ? times[$0] > times[$1] : ids[$0] < ids[$1] }.map { ids[$0] }
  }

  /// The `created_at` time in the first 4 KiB of the regular file at `path` (from the directory `base`).
  private static func headCreatedAt(_ base: CInt, _ path: String) -> Double? {
    let fd = openat(base, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Double? in
      guard let start = buffer.baseAddress else { return nil }
      var filled = 0
      while filled < buffer.count {
        let n = read(fd, start + filled, buffer.count - filled)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { break }
        filled += n
      }
      let head = UnsafeBufferPointer(rebasing: buffer[..<filled])
      guard let createdAt = JSONParser.leadingMember("created_at", in: head)?.stringValue else { return nil }
      return Timestamp.parse(createdAt)
    }
  }

  /// The summary of one session directory: from a scan of `trajectory.json` when that is whole and says
  /// all (``quickSummary(_:)``), else read with content skimmed (it needs no text or tool output).
  public func summarise(_ name: String) -> SessionSummary {
    summarise(name, sessions: nil)
  }

  /// ``summarise(_:)``, its files looked up from the open `sessions/` directory when given.
  func summarise(_ name: String, sessions: CInt?) -> SessionSummary {
    quickSummary(name, sessions: sessions) ?? SessionSummary(loadDirectory(named: name, skimmingContent: true))
  }

  /// Loads the session whose id is `id` or starts with `id`.
  ///
  /// With `skimmingContent`, blocks' text and tool outputs are read as `""` and all else as in a full
  /// load: enough for totals and per-turn tables at a fraction of the time and memory.
  /// - Throws: ``CawError`` when the id is not a plain name, matches nothing, or matches several.
  public func load(_ id: String, skimmingContent: Bool = false) throws(CawError) -> LoadedSession {
    loadDirectory(named: try resolve(id), skimmingContent: skimmingContent)
  }

  /// The full id (directory name) of the one session named by `idOrPrefix`; any name `list` shows is
  /// accepted (see ``SessionID/validateForReading(_:)``).
  public func resolve(_ idOrPrefix: String) throws(CawError) -> String {
    try SessionID.validateForReading(idOrPrefix)
    // A whole id needs no listing: it is the session when its entry is a directory or a link.
    if let st = FileSystem.status(dataDirectory.sessionsPath + "/" + idOrPrefix),
      st.st_mode & S_IFMT == S_IFDIR || st.st_mode & S_IFMT == S_IFLNK,
      FileSystem.isDirectory(dataDirectory.sessionsPath)
    {
      return idOrPrefix
    }
    let ids = try sessionIDs()
    if ids.contains(idOrPrefix) { return idOrPrefix }
    let matches = ids.filter { $0.hasPrefix(idOrPrefix) }
    switch matches.count {
    case 1: return matches[0]
    case 0: throw CawError(.sessionNotFound, "no session '\(idOrPrefix)' in \(dataDirectory.sessionsPath)")
    default:
      let shown = matches.prefix(5).joined(separator: ", ")
      throw CawError(
        .ambiguousSession,
        "'\(idOrPrefix)' matches \(matches.count) sessions: \(shown)\(matches.count > 5 ? ", …" : "")")
    }
  }

  /// Reads one directory under `sessions/`; never throws, a failure is a broken session. A full read keeps
  /// its text within `budget` (strings cut short end with a note saying so).
  public func loadDirectory(
    named name: String, skimmingContent: Bool = false, budget: TextBudget = .unlimited
  ) -> LoadedSession {
    let path = dataDirectory.sessionsPath + "/" + name
    var session = LoadedSession(
      id: name, path: path, trajectory: nil, source: nil, status: .broken, brokenReason: nil, problems: [],
      eventLog: nil, lastModified: 0)
    guard FileSystem.status(path) != nil else {
      session.brokenReason = "the directory cannot be opened (its name is not valid UTF-8, or it is gone)"
      return session
    }
    if let escape = linkEscape(path, inside: dataDirectory.sessionsPath, named: "the data directory") {
      session.brokenReason = escape
      return session
    }
    let trajectoryPath = path + "/trajectory.json"
    let logPath = path + "/traj.jsonl"
    session.lastModified = max(modificationTime(trajectoryPath), modificationTime(logPath), modificationTime(path))

    // Large sessions read their two files on two cores. With a trajectory.json, traj.jsonl's text is not
    // needed (only its problems and turn ends): its lines are checked, and it is replayed only when
    // trajectory.json turns out unusable.
    let trajectoryStatus = FileSystem.status(trajectoryPath)
    let size = Int(trajectoryStatus?.st_size ?? 0) + Int(FileSystem.status(logPath)?.st_size ?? 0)
    let replayNeed: EventLogNeed = skimmingContent ? .skimmed : .whole
    let logNeed = trajectoryStatus != nil ? .problems : replayNeed
    let parts =
      size < Self.parallelReadSize
      ? [
        SessionFilePart.trajectory(
          readTrajectory(trajectoryPath, sessionPath: path, skimmingContent: skimmingContent, budget: budget)),
        .eventLog(readEventLog(logPath, sessionPath: path, need: logNeed)),
      ]
      : Self.inParallel(2) { index in
        index == 0
          ? .trajectory(
            readTrajectory(trajectoryPath, sessionPath: path, skimmingContent: skimmingContent, budget: budget))
          : .eventLog(readEventLog(logPath, sessionPath: path, need: logNeed))
      }
    guard case .trajectory(let fromTrajectory) = parts[0], case .eventLog(var fromLog) = parts[1] else {
      preconditionFailure("the parts come in order")
    }
    if fromTrajectory.trajectory == nil, logNeed == .problems {
      fromLog = readEventLog(logPath, sessionPath: path, need: replayNeed)
    }
    var reasons = fromTrajectory.reasons + fromLog.reasons
    session.problems += fromTrajectory.problems
    if let trajectory = fromTrajectory.trajectory {
      session.trajectory = trajectory
      session.source = .trajectoryFile
      // traj.jsonl could not be read (a FIFO, a directory, a link out): say so even though it is not needed.
      session.problems += fromLog.reasons.map { ReadProblem(location: "traj.jsonl", message: $0) }
    } else if !fromTrajectory.reasons.isEmpty {
      session.trajectoryFileUnreadable = true
    }
    if var replay = fromLog.replay {
      // With trajectory.json the source, the replay's own trajectory is not kept: only its problems and
      // counts are used, and a view of a large session would hold its structure twice.
      if session.trajectory != nil { replay.trajectory = nil }
      session.eventLog = replay
      if session.trajectory == nil {
        if var trajectory = replay.trajectory {
          if trajectory.model.isEmpty, trajectory.agent == Provider.claudeCode.rawValue {
            trajectory.model = claudeModelFromRawOutput(sessionPath: path) ?? ""
          }
          session.trajectory = trajectory
          session.source = .eventLog
          session.problems += reasons.map { ReadProblem(location: "", message: $0 + "; read traj.jsonl instead") }
          reasons.removeAll()
        } else {
          reasons.append(fromLog.isEmpty ? "traj.jsonl is empty" : "traj.jsonl has no usable line")
        }
      }
      session.problems += replay.problems
    }
    if let trajectory = session.trajectory {
      session.status = SessionStatus(trajectory)
    } else {
      session.brokenReason = reasons.isEmpty ? "no trajectory.json or traj.jsonl" : reasons.joined(separator: "; ")
    }
    return session
  }

  // MARK: - Helpers

  /// `count` results of `body`, computed on every core, each thread at the calling thread's priority or
  /// lower (a reading thread behind the UI is niced, and so are its helpers).
  public static func inParallel<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let shared = results
    // Each thread takes the next few items as it finishes: a few large sessions do not leave one core
    // working alone at the end.
    let threads = min(count, max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1))
    let step = max(1, min(16, count / (threads * 32)))
    let next = Atomic<Int>(0)
    let niceness = WorkerPriority.current
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      WorkerPriority.lowerCurrentThread(to: niceness)
      while true {
        let first = next.add(step, ordering: .relaxed).oldValue
        guard first < count else { break }
        for index in first..<min(first + step, count) { shared[index] = body(index) }
      }
    }
    return (0..<count).map { results[$0].take()! }  // moved out, not copied
  }

  /// Why `path` may not be followed: it is a symbolic link whose target lies outside `root` (called `rootName`).
  func linkEscape(_ path: String, inside root: String, named rootName: String) -> String? {
    guard let st = FileSystem.status(path), st.st_mode & S_IFMT == S_IFLNK else { return nil }
    guard let target = FileSystem.realPath(path) else { return "a symbolic link to nothing" }
    guard let base = FileSystem.realPath(root), target.hasPrefix(base + "/") else {
      return "a symbolic link to \(TextSanitizer.singleLine(target, limit: 120)), outside \(rootName); not followed"
    }
    return nil
  }

  private func modificationTime(_ path: String) -> Double {
    FileSystem.status(path).map(Self.modificationTime) ?? 0
  }
}
