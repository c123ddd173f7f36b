import Foundation

/// A temporary directory removed when the value is released.
public final class TempTree: Sendable {
  /// The directory's path.
  public let path: String

  public init(_ label: String = "caw-tests") {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `text` to a path relative to the tree, creating parent directories.
  public func write(_ relative: String, _ text: String) {
    write(relative, bytes: Array(text.utf8))
  }

  /// Writes bytes to a path relative to the tree, creating parent directories.
  public func write(_ relative: String, bytes: [UInt8]) {
    let url = URL(fileURLWithPath: path + "/" + relative)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
  }

  /// The bytes of a file relative to the tree ("" if missing).
  public func read(_ relative: String) -> String {
    (try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)) ?? ""
  }
}
