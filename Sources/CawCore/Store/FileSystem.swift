import Glibc
import SystemPackage

/// The POSIX file operations the store needs, on swift-system's `FileDescriptor`, with errors that keep
/// the path and `errno`.
///
/// Reads open with `O_NONBLOCK` and refuse anything but a regular file, so a FIFO or a device in a
/// session's place becomes an error instead of a reader blocked forever. Writes inside the data
/// directory go through ``OpenDirectory``.
public enum FileSystem {
  // MARK: - Reading

  /// Reads a whole regular file.
  ///
  /// - Throws: ``CawError`` `.io` with the path and `errno` when it cannot be opened or read, or is not a
  ///   regular file (a FIFO, a socket, a device).
  public static func read(_ path: String) throws(CawError) -> [UInt8] {
    let (file, size) = try openForReading(path)
    do {
      return try file.closeAfter { () throws -> [UInt8] in
        // Read straight into an array of the file's size; a file that grew meanwhile is read on in chunks.
        let capacity = size + 1
        var failure: (any Error)?
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
          adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
          while count < capacity {
            do {
              let n = try file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[count...])))
              if n == 0 { break }
              count += n
            } catch {
              failure = error
              break
            }
          }
        }
        if let failure { throw failure }
        guard bytes.count == capacity else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
          let n = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
          if n == 0 { return bytes }
          bytes.append(contentsOf: chunk[0..<n])
        }
      }
    } catch {
      throw failure("cannot read", path, error)
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

  /// The first `count` bytes of a regular file (fewer when it is shorter), or nil when it cannot be read.
  static func readPrefix(_ path: String, count: Int) -> [UInt8]? {
    guard let (file, _) = try? openForReading(path) else { return nil }
    return try? file.closeAfter {
      var bytes = [UInt8](repeating: 0, count: count)
      var filled = 0
      while filled < count {
        let n = try bytes.withUnsafeMutableBytes {
          try file.read(fromAbsoluteOffset: Int64(filled), into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
        }
        if n == 0 { break }
        filled += n
      }
      return Array(bytes[..<filled])
    }
  }

  /// Opens a regular file for reading without blocking on it, and gives its size.
  ///
  /// - Throws: ``CawError`` `.io` when it cannot be opened or is not a regular file.
  static func openForReading(_ path: String) throws(CawError) -> (FileDescriptor, size: Int) {
    let file: FileDescriptor
    do {
      file = try FileDescriptor.open(path, .readOnly, options: [.nonBlocking, .closeOnExec])
    } catch {
      throw failure("cannot read", path, error)
    }
    do {
      let st = try file.stat()
      guard st.type == .regular else {
        try? file.close()
        throw CawError(.io, "cannot read \(path): it is \(describe(st.type)), not a regular file", path: path)
      }
      return (file, Int(st.size))
    } catch let error as CawError {
      throw error
    } catch {
      try? file.close()
      throw failure("cannot read", path, error)
    }
  }

  /// Calls `body` with each chunk of the regular file at `path`, in order.
  static func forEachChunk(
    ofFile path: String, _ body: (UnsafeRawBufferPointer) throws(CawError) -> Void
  ) throws(CawError) {
    let (file, _) = try openForReading(path)
    defer { try? file.close() }
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let n: Int
      do { n = try file.read(into: chunk) } catch { throw failure("cannot read", path, error) }
      if n == 0 { return }
      try body(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
    }
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
    guard let dir = opendir(path) else { throw failure("cannot list", path, Errno(rawValue: Glibc.errno)) }
    defer { closedir(dir) }
    return entries(of: dir)
  }

  /// The entries of an open directory stream, without `.` and `..`.
  static func entries(of dir: OpaquePointer) -> [Entry] {
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
      if mkdir(current, 0o755) != 0 && Glibc.errno != EEXIST {
        throw failure("cannot create directory", current, Errno(rawValue: Glibc.errno))
      }
    }
    guard isDirectory(path) else {
      throw CawError(.io, "cannot create directory \(path): a file is in the way", path: path, errno: .fileExists)
    }
  }

  /// Replaces `path` atomically (a new file in the same directory, synced when `sync` is set, renamed over it).
  static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(CawError) {
    try OpenDirectory.open(parent(of: path)).writeAtomically(bytes, to: baseName(of: path), sync: sync)
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

  /// Runs a system call again while it fails with `EINTR`.
  static func retrying(_ call: () -> Int32) -> Int32 {
    while true {
      let result = call()
      if result >= 0 || Glibc.errno != EINTR { return result }
    }
  }

  /// An `.io` error for `what` on `path`, keeping `errno` (from `cause` when it is an `Errno`).
  static func failure(_ what: String, _ path: String, _ cause: any Error) -> CawError {
    if let error = cause as? CawError { return error }
    let number = cause as? Errno
    let reason = number.map { String(cString: strerror($0.rawValue)) } ?? String(describing: cause)
    return CawError(.io, "\(what) \(path): \(reason)", path: path, errno: number, underlying: number == nil ? cause : nil)
  }

  private static func describe(_ type: FileType) -> String {
    switch type {
    case .directory: return "a directory"
    case .fifo: return "a FIFO"
    case .socket: return "a socket"
    case .characterSpecial, .blockSpecial: return "a device"
    case .symbolicLink: return "a symbolic link"
    default: return "a special file"
    }
  }
}
