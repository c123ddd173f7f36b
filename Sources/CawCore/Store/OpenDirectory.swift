import Glibc
import SystemPackage

/// A directory held open by descriptor. Its files and subdirectories are opened relative to it with
/// `O_NOFOLLOW`, so nothing written through it can leave it: a symbolic link, a hard link to a file
/// elsewhere, a FIFO or a device in its place is refused with an error that says so.
///
/// The data directory itself may be a link the user made; everything below it is opened this way.
final class OpenDirectory: Sendable {
  /// The open directory.
  let descriptor: FileDescriptor
  /// Its path, for messages.
  let path: String

  private init(descriptor: FileDescriptor, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { try? descriptor.close() }

  /// Opens the directory at `path` (following links: the root is the user's choice).
  static func open(_ path: String) throws(CawError) -> OpenDirectory {
    do {
      let fd = try FileDescriptor.open(path, .readOnly, options: [.directory, .closeOnExec])
      return OpenDirectory(descriptor: fd, path: path)
    } catch {
      throw FileSystem.failure("cannot open directory", path, error)
    }
  }

  /// The directory `name` inside this one, created first when `create` is set; never through a link.
  ///
  /// - Throws: ``CawError`` when it is missing (and not to be created), a symbolic link, or not a directory.
  func subdirectory(_ name: String, create: Bool) throws(CawError) -> OpenDirectory {
    let full = path + "/" + name
    if create, mkdirat(descriptor.rawValue, name, 0o755) != 0, Glibc.errno != EEXIST {
      throw FileSystem.failure("cannot create directory", full, Errno(rawValue: Glibc.errno))
    }
    let fd = FileSystem.retrying { openat(descriptor.rawValue, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    guard fd >= 0 else {
      let failure = Errno(rawValue: Glibc.errno)
      if let refusal = refusal(name, failure) { throw refusal }
      throw FileSystem.failure("cannot open directory", full, failure)
    }
    return OpenDirectory(descriptor: FileDescriptor(rawValue: fd), path: full)
  }

  /// What `lstat` says of `name` in this directory, or nil when it does not exist.
  func status(_ name: String) -> Stat? {
    try? Stat(FilePath(name), relativeTo: descriptor, flags: .symlinkNoFollow)
  }

  /// Names in this directory, without `.` and `..`.
  func names() throws(CawError) -> [String] {
    let copy = FileSystem.retrying { openat(descriptor.rawValue, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    guard copy >= 0, let stream = fdopendir(copy) else {
      let failure = Errno(rawValue: Glibc.errno)
      if copy >= 0 { Glibc.close(copy) }
      throw FileSystem.failure("cannot list", path, failure)
    }
    defer { closedir(stream) }
    return FileSystem.entries(of: stream).map(\.name)
  }

  /// Takes an exclusive `flock` on this directory without waiting; false when another open of it holds
  /// one. The lock lasts until this value is released (or the process ends, however it ends).
  func tryLock() throws(CawError) -> Bool {
    while flock(descriptor.rawValue, LOCK_EX | LOCK_NB) != 0 {
      switch Glibc.errno {
      case EINTR: continue
      case EWOULDBLOCK: return false
      default: throw FileSystem.failure("cannot lock", path, Errno(rawValue: Glibc.errno))
      }
    }
    return true
  }

  // MARK: - Writing

  /// Appends `bytes` to the regular file `name` (created if missing) holding an exclusive `flock` on it,
  /// the lock Python's `fcntl.flock` takes.
  func appendLocked(_ bytes: [UInt8], to name: String) throws(CawError) {
    let file = try openFile(name, O_WRONLY | O_APPEND | O_CREAT, verb: "cannot append to")
    do {
      try file.closeAfter {  // closing releases the lock, as in caw
        while flock(file.rawValue, LOCK_EX) != 0 {
          if Glibc.errno != EINTR { throw Errno(rawValue: Glibc.errno) }
        }
        try file.writeAll(bytes)
      }
    } catch {
      throw FileSystem.failure("cannot append to", path + "/" + name, error)
    }
  }

  /// Replaces `name` atomically: writes a new file beside it, syncs it when `sync` is set, and renames it
  /// over `name` (a link in `name`'s place is replaced, never followed).
  func writeAtomically(_ bytes: [UInt8], to name: String, sync: Bool = true) throws(CawError) {
    try replace(name, sync: sync) { (file) throws(CawError) in
      do { try file.writeAll(bytes) } catch { throw FileSystem.failure("cannot write", path + "/" + name, error) }
    }
  }

  /// Replaces `name` atomically with a copy of the regular file at `source` (outside this directory).
  func writeAtomically(copyOf source: String, to name: String) throws(CawError) {
    try replace(name, sync: false) { (file) throws(CawError) in
      try FileSystem.forEachChunk(ofFile: source) { (chunk) throws(CawError) in
        do { try file.writeAll(chunk) } catch { throw FileSystem.failure("cannot write", path + "/" + name, error) }
      }
    }
  }

  /// Replaces `name` atomically with what `fill` writes to a new file beside it, synced when `sync` is set.
  func replace(_ name: String, sync: Bool, fill: (FileDescriptor) throws(CawError) -> Void) throws(CawError) {
    let target = path + "/" + name
    var temporary = ""
    var fd: Int32 = -1
    for _ in 0..<100 where fd < 0 {
      temporary = ".\(name).tmp-\(UInt32.random(in: 0...UInt32.max))"
      fd = FileSystem.retrying {
        openat(descriptor.rawValue, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      }
      if fd < 0 && Glibc.errno != EEXIST { break }
    }
    guard fd >= 0 else { throw FileSystem.failure("cannot write", target, Errno(rawValue: Glibc.errno)) }
    let file = FileDescriptor(rawValue: fd)
    do throws(CawError) {
      do {
        try file.closeAfter { () throws -> Void in
          try fill(file)
          if sync, fsync(file.rawValue) != 0 { throw Errno(rawValue: Glibc.errno) }
        }
      } catch let error as CawError {
        throw error
      } catch {
        throw FileSystem.failure("cannot write", target, error)
      }
      guard renameat(descriptor.rawValue, temporary, descriptor.rawValue, name) == 0 else {
        throw FileSystem.failure("cannot replace", target, Errno(rawValue: Glibc.errno))
      }
    } catch {
      unlinkat(descriptor.rawValue, temporary, 0)
      throw error
    }
    if sync { fsync(descriptor.rawValue) }
  }

  /// Checks, before anything is written, that `name` here can be written as a store writes it: absent,
  /// or a regular file with one link (for appending), or anything but a directory (for replacing, which
  /// puts a new file in its place).
  func requireWritable(_ name: String, appending: Bool) throws(CawError) {
    guard let st = status(name) else { return }
    if st.type == .symbolicLink && appending { throw linkRefusal(name, nil) }
    if let refusal = refusal(name, st, appending: appending) { throw refusal }
  }

  /// Opens the file `name` here for writing with `flags`, refusing anything but a regular file with one link.
  private func openFile(_ name: String, _ flags: Int32, verb: String) throws(CawError) -> FileDescriptor {
    let fd = FileSystem.retrying {
      openat(descriptor.rawValue, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
    }
    guard fd >= 0 else {
      let failure = Errno(rawValue: Glibc.errno)
      if let refusal = refusal(name, failure) { throw refusal }
      throw FileSystem.failure(verb, path + "/" + name, failure)
    }
    let file = FileDescriptor(rawValue: fd)
    do {
      if let refusal = refusal(name, try file.stat(), appending: true) { throw refusal }
      return file
    } catch {
      try? file.close()
      throw FileSystem.failure(verb, path + "/" + name, error)
    }
  }

  /// Why a file in the state `st` may not be written: appended to unless regular with one link (another
  /// link may lie outside the tree), replaced if a directory.
  private func refusal(_ name: String, _ st: Stat, appending: Bool) -> CawError? {
    let full = path + "/" + name
    if appending && (st.type != .regular || st.linkCount != 1) {
      let why = st.type != .regular ? "it is not a regular file" : "it has other hard links, which may lie outside the data directory"
      return CawError(.io, "refusing to write \(full): \(why)", path: full)
    }
    if !appending && st.type == .directory {
      return CawError(.io, "refusing to write \(full): it is a directory", path: full)
    }
    return nil
  }

  /// The refusal to write through the symbolic link `name`.
  private func linkRefusal(_ name: String, _ failure: Errno?) -> CawError {
    let full = path + "/" + name
    return CawError(
      .io, "refusing to write through \(full): it is a symbolic link (caw-tui writes only inside the data directory)",
      path: full, errno: failure)
  }

  /// The error for a name that is a symbolic link or not a directory, when that is why opening failed.
  private func refusal(_ name: String, _ failure: Errno) -> CawError? {
    if let st = status(name), st.type == .symbolicLink { return linkRefusal(name, failure) }
    if failure == .notDirectory || failure == .tooManySymbolicLinkLevels {
      let full = path + "/" + name
      return CawError(.io, "refusing to write in \(full): it is not a directory", path: full, errno: failure)
    }
    return nil
  }
}
