import CawCore
import Foundation

/// A data directory of one session, `s`, whose files a target rewrites for each input.
final class FuzzSessionTree: Sendable {
  /// The data directory.
  let data: String

  init(_ label: String) {
    data = NSTemporaryDirectory() + "/caw-fuzz-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: data + "/sessions/s", withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: data) }

  /// Replaces the session's `name` with `bytes` (removes it when nil).
  func write(_ name: String, _ bytes: [UInt8]?) {
    let path = data + "/sessions/s/" + name
    guard let bytes else {
      unlink(path)
      return
    }
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  /// A reader of the tree.
  var reader: SessionReader { SessionReader(DataDirectory(data)) }
}
