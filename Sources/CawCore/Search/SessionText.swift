import Glibc

/// Reads the text of one session for the search index.
///
/// `trajectory.json` is read in 1 MiB chunks and parsed one turn at a time (``TurnSplitter``), so a
/// 100 MB session is never held whole. When that cannot be done exactly as ``SessionReader`` would read
/// the file (it is missing, not a regular file, torn, or irregular), ``stream(file:lastModified:start:unit:bytesRead:)``
/// throws ``Irregular`` and the caller reads the session through ``SessionReader`` instead.
enum SessionText {
  /// The file cannot be streamed; read the session the ordinary way.
  struct Irregular: Error {}

  /// Bytes read at a time.
  static let chunkSize = 1 << 20

  /// Streams the turns of `trajectory.json` at `path`, returning its header (the trajectory without turns).
  ///
  /// `start` is called once, before the first unit, with the session's time as far as the head of the
  /// file tells it (its `created_at`, else `lastModified`); `unit` with each block's text; `bytesRead` after
  /// each chunk.
  static func stream(
    file path: String, lastModified: Double, start: (Double) throws -> Void, unit: (IndexedUnit) throws -> Void,
    bytesRead: (Int) -> Void
  ) throws -> Trajectory {
    let fd = try openRegular(path)
    defer { close(fd) }
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
    defer { chunk.deallocate() }
    var splitter = TurnSplitter()
    var decoder = TrajectoryDecoder()
    var turnIndex = 0
    var started = false
    while true {
      let n = read(fd, chunk.baseAddress!, chunk.count)
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { throw Irregular() }
      if n == 0 { break }
      let bytes = UnsafeBufferPointer(rebasing: chunk[..<n])
      if !started {
        let createdAt = JSONParser.leadingMember("created_at", in: bytes)?.stringValue
        try start(createdAt.flatMap(Timestamp.parse) ?? lastModified)
        started = true
      }
      try splitter.add(bytes) { element in
        guard let value = try? JSONParser.parse(element, maxDepth: JSONParser.defaultMaxDepth - 2) else { throw Irregular() }
        // A turn that is not an object is left out by the decoder, and takes no turn number.
        guard let object = value.objectValue else { return }
        let turn = decoder.turn(object, path: "turns[\(turnIndex)]")
        try IndexedUnit.units(of: turn, index: turnIndex, unit)
        turnIndex += 1
      }
      if splitter.irregular { throw Irregular() }
      bytesRead(n)
    }
    guard splitter.isComplete, let value = try? JSONParser.parse(splitter.header),
      let header = decoder.decode(value), header.turns.isEmpty
    else { throw Irregular() }
    if !started { try start(lastModified) }
    return header
  }

  /// The units of a session read through ``SessionReader``, in order.
  static func units(of trajectory: Trajectory, _ unit: (IndexedUnit) throws -> Void) rethrows {
    for (index, turn) in trajectory.turns.enumerated() { try IndexedUnit.units(of: turn, index: index, unit) }
  }

  /// A descriptor of the regular file at `path`, opened without following a link or waiting on a FIFO.
  private static func openRegular(_ path: String) throws -> Int32 {
    var st = stat()
    guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { throw Irregular() }
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw Irregular() }
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw Irregular()
    }
    return fd
  }
}
