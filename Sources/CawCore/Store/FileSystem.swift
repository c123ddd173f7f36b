import Glibc

/// The few POSIX file operations the store needs, with errors that name the path.
enum FileSystem {
  // MARK: - Reading

  /// Reads a whole regular file.
  static func read(_ path: String) throws(CawError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw failure("cannot read", path) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw failure("cannot read", path) }
    // Read straight into an array of the file's size; a file that grew meanwhile is read on in chunks.
    let capacity = Int(st.st_size) + 1
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      while count < capacity {
        let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failed = true }
        if n <= 0 { break }
        count += n
      }
    }
    guard !failed else { throw failure("cannot read", path) }
    guard bytes.count == capacity else { return bytes }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("cannot read", path)
      }
      if n == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<n])
    }
  }

  /// Asks for 2 MiB pages under a large buffer: a 100 MB file then costs 50 page faults, not 25,000.
  private static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    let huge = 2 << 20
    guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    madvise(pointer, end - start, MADV_HUGEPAGE)
  }

  /// The first `count` bytes of a file (fewer when it is shorter), or nil when it cannot be read.
  static func readPrefix(_ path: String, count: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(filled)) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return nil }
      if n == 0 { break }
      filled += n
    }
    return Array(bytes[..<filled])
  }

  /// What `lstat` says of a path, or nil when it does not exist.
  static func status(_ path: String) -> stat? {
    var st = stat()
    return lstat(path, &st) == 0 ? st : nil
  }

  /// Whether `path` is a directory (following symlinks).
  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Names in a directory, without `.` and `..`.
  static func list(_ path: String) throws(CawError) -> [String] {
    try entries(path).map(\.name)
  }

  /// One directory entry: its name (invalid UTF-8 replaced, then `exact` is false) and `readdir`'s type.
  struct Entry {
    var name: String
    var exact: Bool
    var type: UInt8
  }

  /// The entries of a directory, without `.` and `..`.
  static func entries(_ path: String) throws(CawError) -> [Entry] {
    guard let dir = opendir(path) else { throw failure("cannot list", path) }
    defer { closedir(dir) }
    var entries: [Entry] = []
    while let entry = readdir(dir) {
      let (name, exact) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        let bytes = raw.prefix { $0 != 0 }
        return (String(decoding: bytes, as: UTF8.self), String(validating: bytes, as: UTF8.self) != nil)
      }
      if name != "." && name != ".." { entries.append(Entry(name: name, exact: exact, type: entry.pointee.d_type)) }
    }
    return entries
  }

  /// The canonical absolute path (symlinks resolved), or nil.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  // MARK: - Writing

  /// Creates a directory and its parents.
  static func makeDirectories(_ path: String) throws(CawError) {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      current += "/" + component
      if mkdir(current, 0o755) != 0 && errno != EEXIST { throw failure("cannot create directory", current) }
    }
    guard isDirectory(path) else { throw CawError(.io, "cannot create directory \(path): a file is in the way") }
  }

  /// Replaces `path` atomically: writes a temp file in the same directory, fsyncs it, renames it over.
  static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(CawError) {
    let directory = parent(of: path)
    var template = Array("\(directory)/.\(baseName(of: path)).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw failure("cannot write", path) }
    let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    do throws(CawError) {
      try writeAll(fd, bytes, path: path)
      fchmod(fd, 0o644)
      guard !sync || fsync(fd) == 0 else { throw failure("cannot sync", path) }
      close(fd)
      guard rename(tempPath, path) == 0 else { throw failure("cannot replace", path) }
    } catch {
      close(fd)
      unlink(tempPath)
      throw error
    }
    if sync { syncDirectory(directory) }
  }

  /// Copies the regular file `source` to `path` (created or truncated), in chunks.
  static func copy(_ source: String, to path: String) throws(CawError) {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw failure("cannot read", source) }
    defer { close(input) }
    let output = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard output >= 0 else { throw failure("cannot write", path) }
    defer { close(output) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("cannot read", source)
      }
      if n == 0 { return }
      try writeAll(output, Array(chunk[0..<n]), path: path)
    }
  }

  /// Overwrites (or creates) `path` with `bytes`, as Python's `Path.write_text` does.
  static func overwrite(_ bytes: [UInt8], to path: String) throws(CawError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("cannot write", path) }
    defer { close(fd) }
    try writeAll(fd, bytes, path: path)
  }

  /// Appends `bytes` holding an exclusive `flock` on the file, the lock Python's `fcntl.flock` takes.
  static func appendLocked(_ bytes: [UInt8], to path: String) throws(CawError) {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("cannot append to", path) }
    defer { close(fd) }  // closing releases the lock, as in caw
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR { throw failure("cannot lock", path) }
    }
    try writeAll(fd, bytes, path: path)
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(CawError) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw failure("cannot write", path)
      }
      offset += n
    }
  }

  private static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }

  // MARK: - Paths

  /// The directory part of a path.
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The last component of a path.
  static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  static func failure(_ what: String, _ path: String) -> CawError {
    let reason = String(cString: strerror(errno))
    return CawError(.io, "\(what) \(path): \(reason)")
  }
}
