import Glibc

/// The list's quick read of a session: `trajectory.json` scanned for its figures, `traj.jsonl` left alone.
extension SessionReader {
  /// The summary of session `name` from one read of its `trajectory.json` and three `lstat`s, when that
  /// says all the full read would; nil when the full read must decide: the file is missing, not regular,
  /// a link, or irregular (see ``TrajectoryFigureScanner``), or `traj.jsonl` is not a regular file.
  ///
  /// A large file is scanned as ``ContentSkimmer`` copies it, without its text, so neither it nor a tree
  /// of it is held. `traj.jsonl` is read only for an unfinished session, and only for its parent
  /// `turn_end` lines (whether the last turn is in progress), so its damaged lines are reported when the
  /// session is opened, not in the list.
  ///
  /// With `sessions`, an open descriptor of the `sessions/` directory, files are looked up from it: a
  /// path of two names instead of the whole path, ten thousand times over.
  func quickSummary(_ name: String, sessions: CInt? = nil) -> SessionSummary? {
    let path = dataDirectory.sessionsPath + "/" + name
    let (base, relative) = sessions.map { ($0, name) } ?? (AT_FDCWD, path)
    guard let directory = Self.status(base, relative), directory.st_mode & S_IFMT == S_IFDIR else { return nil }
    let figures: TrajectoryFigures
    let file: stat
    if let (bytes, status) = Self.readSmallRegularFile(base, relative + "/trajectory.json") {
      defer { bytes.deallocate() }
      guard let scanned = TrajectoryFigureScanner.scan(UnsafeBufferPointer(bytes)) else { return nil }
      (figures, file) = (scanned, status)
    } else if let status = FileSystem.status(path + "/trajectory.json"), status.st_mode & S_IFMT == S_IFREG,
      status.st_size >= Self.parallelReadSize,
      case .compact(let compact, _, _)? = try? ContentSkimmer.skim(file: path + "/trajectory.json"),
      let scanned = compact.withUnsafeBufferPointer({ TrajectoryFigureScanner.scan($0) })
    {
      (figures, file) = (scanned, status)
    } else {
      return nil
    }
    let log = Self.status(base, relative + "/traj.jsonl")
    if let log, log.st_mode & S_IFMT != S_IFREG { return nil }
    var ends: Int?
    if log != nil && figures.status == .unfinished {
      // Whether the last turn is in progress (more turns than the parent's `turn_end` lines).
      guard let count = Self.parentTurnEnds(path + "/traj.jsonl") else { return nil }
      ends = count
    }
    let modified = max(
      Self.modificationTime(file), Self.modificationTime(directory), log.map(Self.modificationTime) ?? 0)
    return SessionSummary(id: name, path: path, figures: figures, lastModified: modified, parentTurnEnds: ends)
  }

  /// The parent agent's `turn_end` lines in the `traj.jsonl` at `path`, when the log's check answers
  /// (``EventLogReplay/check(_:)``); nil when only the replay can say.
  private static func parentTurnEnds(_ path: String) -> Int? {
    guard let status = FileSystem.status(path), status.st_mode & S_IFMT == S_IFREG else { return nil }
    return (try? EventLogReplay.check(path))?.replay.parentTurnEnds
  }

  /// The bytes of the regular file at `path` from the directory `base` (not a link) and its status, when it is no larger than
  /// ``parallelReadSize`` and not empty; the caller deallocates them.
  private static func readSmallRegularFile(_ base: CInt, _ path: String) -> (UnsafeMutableBufferPointer<UInt8>, stat)? {
    let fd = openat(base, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0,
      st.st_size < parallelReadSize
    else { return nil }
    let size = Int(st.st_size)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
    var count = 0
    while count < size {
      let n = read(fd, buffer.baseAddress! + count, size - count)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      count += n
    }
    // A file cut short while read is left to the full read (one that grew reads as torn, and goes there too).
    guard count == size else {
      buffer.deallocate()
      return nil
    }
    return (buffer, st)
  }

  /// What `lstat` says of `path` (from the directory `base`), nil when it does not exist.
  static func status(_ base: CInt, _ path: String) -> stat? {
    var st = stat()
    return fstatat(base, path, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
  }

  /// The modification time in `st`, seconds since 1970.
  static func modificationTime(_ st: stat) -> Double {
    Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
  }
}
