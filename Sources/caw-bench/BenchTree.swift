import CawCore
import Foundation

/// The tree a benchmark runs on: generated once, then reused while its configuration matches.
struct BenchTree {
  /// The `caw_data` directory.
  var dataDirectory: String
  /// Number of sessions.
  var sessions: Int
  /// The large session's directory, when there is one.
  var largeSession: String?
  /// Total bytes of all `trajectory.json` files.
  var totalBytes: Int

  /// Generates the tree at `root` unless a finished one with the same configuration is there.
  static func prepare(
    at root: String, sessions: Int, largeMB: Int, shape: SyntheticShape = .standard, seed: UInt64 = 6
  ) throws -> BenchTree {
    let data = root + "/caw_data"
    let marker = root + "/.complete"
    var configuration = "sessions=\(sessions) largeMB=\(largeMB) generator=6\n"
    if shape != .standard || seed != 6 { configuration = "shape=\(shape.name) seed=\(seed) " + configuration }
    // Since the large session takes the shape too, a dense tree's large session is another one.
    if shape.escapeDense && largeMB > 0 { configuration = "large-shaped " + configuration }
    if (try? String(contentsOfFile: marker, encoding: .utf8)) != configuration {
      try? FileManager.default.removeItem(atPath: root)
      print(
        "generating \(sessions) sessions of the \(shape.name) shape, seed \(seed) (large session: \(largeMB) MB) in \(data) …"
      )
      let start = Date()
      var tree = SyntheticTree(sessionCount: sessions, largeSessionMegabytes: largeMB, seed: seed)
      tree.shape = shape
      try tree.write(to: data)
      try configuration.write(toFile: marker, atomically: true, encoding: .utf8)
      print(String(format: "generated in %.1f s", Date().timeIntervalSince(start)))
    }
    let sessionsPath = data + "/sessions"
    var total = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: sessionsPath) {
      let attributes = try? FileManager.default.attributesOfItem(atPath: "\(sessionsPath)/\(name)/trajectory.json")
      total += (attributes?[.size] as? Int) ?? 0
    }
    let large = largeMB > 0 ? sessionsPath + "/" + SyntheticTree.largeSessionID : nil
    return BenchTree(dataDirectory: data, sessions: sessions, largeSession: large, totalBytes: total)
  }
}
