import CawCore
import Foundation
import Testing

/// A throwaway `caw_data` tree for one test, with a snapshot of every entry so a test can prove reading
/// wrote nothing.
///
/// Layout: `<tmp>/caw-badinput-<uuid>/caw_data/sessions/…`; anything a test puts beside `caw_data`
/// (e.g. `outside/`) is outside the data directory but still inside the snapshot.
struct BadInputTree {
  /// One entry of a snapshot: a file's bytes, a link's target or a directory, with its modification time.
  struct Entry: Equatable {
    var contents: Data?
    var linkTarget: String?
    var modified: Date?
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

  /// Writes `file` (e.g. `trajectory.json`) of session `id`.
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

  /// Every entry under the root, keyed by relative path; links are recorded, never followed.
  func snapshot() throws -> [String: Entry] {
    var entries: [String: Entry] = [:]
    var pending = [""]
    while let relative = pending.popLast() {
      let path = relative.isEmpty ? root : root + "/" + relative
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      var entry = Entry(modified: attributes[.modificationDate] as? Date)
      switch attributes[.type] as? FileAttributeType {
      case .typeSymbolicLink?:
        entry.linkTarget = try FileManager.default.destinationOfSymbolicLink(atPath: path)
      case .typeDirectory?:
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
        pending += names.map { relative.isEmpty ? $0 : relative + "/" + $0 }
      default:
        entry.contents = try Data(contentsOf: URL(fileURLWithPath: path))
      }
      entries[relative] = entry
    }
    return entries
  }

  /// Runs `read` and checks that no byte, link or modification time under the root changed.
  func unchanged<T>(sourceLocation: SourceLocation = #_sourceLocation, _ read: () throws -> T) throws -> T {
    let before = try snapshot()
    let result = try read()
    let after = try snapshot()
    let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    #expect(changed.isEmpty, "reading changed \(changed)", sourceLocation: sourceLocation)
    return result
  }

  /// Deletes the whole temp directory.
  func remove() {
    try? FileManager.default.removeItem(atPath: root)
  }
}
