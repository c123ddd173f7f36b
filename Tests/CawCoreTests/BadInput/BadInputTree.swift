import CawCore
import Foundation
import Glibc
import Testing

/// A throwaway `caw_data` tree for one test, with a snapshot of every entry so a test can prove reading
/// wrote nothing.
///
/// Layout: `<tmp>/caw-badinput-<uuid>/caw_data/sessions/…`; anything a test puts beside `caw_data`
/// (e.g. `outside/`) is outside the data directory but still inside the snapshot.
struct BadInputTree {
  /// One entry of a snapshot: a file's bytes, a link's target or a directory, with its modification time
  /// in nanoseconds.
  struct Entry: Equatable {
    var contents: Data?
    var linkTarget: [UInt8]?
    var modified: Int
  }

  /// The temp directory holding `caw_data` and anything placed beside it.
  let root: String

  /// Creates `<tmp>/caw-badinput-<uuid>/caw_data/sessions/`.
  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("caw-badinput-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root + "/caw_data/sessions", withIntermediateDirectories: true)
  }

  /// `<root>/caw_data`.
  var dataPath: String { root + "/caw_data" }

  /// A reader of the tree.
  var reader: SessionReader { SessionReader(DataDirectory(dataPath)) }

  /// The path (relative to the root) of session `id`'s directory.
  static func session(_ id: String) -> String { "caw_data/sessions/" + id }

  /// Writes `bytes` to a path relative to the root, creating its parent directories.
  func write(_ relative: String, _ bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: root + "/" + relative)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// Writes `text` as UTF-8 to a path relative to the root.
  func write(_ relative: String, _ text: String) throws {
    try write(relative, Array(text.utf8))
  }

  /// Writes `file` of session `id`, such as `trajectory.json` or `traj.jsonl`.
  func write(session id: String, _ file: String, _ bytes: [UInt8]) throws {
    try write(Self.session(id) + "/" + file, bytes)
  }

  /// Writes `file` of session `id` as UTF-8 text.
  func write(session id: String, _ file: String, _ text: String) throws {
    try write(session: id, file, Array(text.utf8))
  }

  /// Creates a directory (and its parents) relative to the root.
  func makeDirectory(_ relative: String) throws {
    try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
  }

  /// Makes `relative` a symbolic link to the absolute path `target`.
  func link(_ relative: String, to target: String) throws {
    try FileManager.default.createSymbolicLink(atPath: root + "/" + relative, withDestinationPath: target)
  }

  /// Every entry under the root keyed by its relative path in raw bytes (any name works, UTF-8 or not);
  /// links are recorded, never followed.
  func snapshot() throws -> [[UInt8]: Entry] {
    var entries: [[UInt8]: Entry] = [:]
    for (path, st) in try walk() {
      var entry = Entry(modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
      switch st.st_mode & S_IFMT {
      case S_IFLNK: entry.linkTarget = try Self.linkTarget(path)
      case S_IFDIR: break
      default: entry.contents = try Self.contents(path)
      }
      entries[Array(path.dropFirst(root.utf8.count))] = entry
    }
    return entries
  }

  /// Runs `read` and checks that no byte, link or modification time under the root changed.
  func unchanged<T>(sourceLocation: SourceLocation = #_sourceLocation, _ read: () throws -> T) throws -> T {
    let before = try snapshot()
    let result = try read()
    let after = try snapshot()
    let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
      .map { String(decoding: $0, as: UTF8.self) }.sorted()
    #expect(changed.isEmpty, "reading changed these entries", sourceLocation: sourceLocation)
    try FastPathCheck.expectSameAsFullRead(reader, sourceLocation: sourceLocation)
    return result
  }

  /// Creates a directory whose path relative to the root is given as raw bytes, UTF-8 or not.
  func makeDirectory(rawPath relative: [UInt8]) throws {
    let path = Array(root.utf8) + [UInt8(ascii: "/")] + relative
    guard Self.withCPath(path, { mkdir($0, 0o755) }) == 0 else { throw Failure("mkdir", path) }
  }

  /// Deletes the whole temp directory, children before parents.
  func remove() {
    let paths = ((try? walk()) ?? []).map { ($0.0, $0.1.st_mode & S_IFMT == S_IFDIR) }
    for (path, isDirectory) in paths.reversed() {
      _ = Self.withCPath(path) { isDirectory ? rmdir($0) : unlink($0) }
    }
  }

  // MARK: - Raw-byte file access

  /// A failed system call on a path.
  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ call: String, _ path: [UInt8]) {
      description = "\(call) \(String(decoding: path, as: UTF8.self)): \(String(cString: strerror(errno)))"
    }
  }

  /// Every path under the root, parents before children, with what `lstat` says of it.
  private func walk() throws -> [([UInt8], stat)] {
    var found: [([UInt8], stat)] = []
    var pending = [Array(root.utf8)]
    while let path = pending.popLast() {
      var st = stat()
      guard Self.withCPath(path, { lstat($0, &st) }) == 0 else { throw Failure("lstat", path) }
      found.append((path, st))
      if st.st_mode & S_IFMT == S_IFDIR {
        pending += try Self.names(in: path).map { path + [UInt8(ascii: "/")] + $0 }
      }
    }
    return found
  }

  /// The raw names in a directory, without `.` and `..`.
  private static func names(in path: [UInt8]) throws -> [[UInt8]] {
    guard let dir = withCPath(path, { opendir($0) }) else { throw Failure("opendir", path) }
    defer { closedir(dir) }
    var names: [[UInt8]] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
    }
    return names
  }

  /// A regular file's bytes.
  private static func contents(_ path: [UInt8]) throws -> Data {
    let fd = withCPath(path) { open($0, O_RDONLY) }
    guard fd >= 0 else { throw Failure("open", path) }
    return try FileHandle(fileDescriptor: fd, closeOnDealloc: true).readToEnd() ?? Data()
  }

  /// A symbolic link's target, as stored.
  private static func linkTarget(_ path: [UInt8]) throws -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = withCPath(path) { readlink($0, &buffer, buffer.count) }
    guard count >= 0 else { throw Failure("readlink", path) }
    return buffer.prefix(count).map { UInt8(bitPattern: $0) }
  }

  /// Calls `body` with `path` as a NUL-terminated C string.
  private static func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    (path + [0]).withUnsafeBytes { body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
  }
}
