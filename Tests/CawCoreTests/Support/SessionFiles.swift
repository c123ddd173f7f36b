import CawCore
import Foundation
import Testing

/// Reading what a run left in a data directory.
enum SessionFiles {
  /// The only session id under `data`.
  static func onlySession(_ data: String) throws -> String {
    let ids = try FileManager.default.contentsOfDirectory(atPath: data + "/sessions")
    try #require(ids.count == 1, "expected one session, found \(ids)")
    return ids[0]
  }

  /// The session's `trajectory.json`, decoded.
  static func trajectory(_ data: String, _ id: String) throws -> Trajectory {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(data)/sessions/\(id)/trajectory.json")))
    return try #require(try Trajectory.read(bytes).trajectory, "\(id)/trajectory.json does not decode")
  }
}
