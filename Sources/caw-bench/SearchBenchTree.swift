import CawCore
import Foundation
import OrderedCollections

/// The tree the search figures run on: a ``SyntheticTree`` (or a tree of varied text) plus a few
/// sessions holding rare phrases ("needles"), generated once and reused while its configuration matches.
struct SearchBenchTree {
  /// The `caw_data` directory.
  var dataDirectory: String
  /// Number of sessions.
  var sessions: Int
  /// Bytes of all `trajectory.json` files, of all `traj.jsonl` files, and of the whole tree.
  var trajectoryBytes: Int
  var eventLogBytes: Int
  var treeBytes: Int
  /// The large session's id, when there is one.
  var largeSession: String?

  /// A phrase that occurs in exactly the needle sessions (one block each).
  static let needle = "quartz harbor lantern"
  /// How many sessions hold the needle.
  static let needleSessions = 5

  /// Generates the tree at `root` unless a finished one with the same configuration is there.
  static func prepare(at root: String, sessions: Int, largeMB: Int, seed: UInt64, shape: String) throws -> SearchBenchTree {
    let data = root + "/caw_data"
    let marker = root + "/.complete"
    let configuration = "sessions=\(sessions) largeMB=\(largeMB) seed=\(seed) shape=\(shape) generator=1\n"
    if (try? String(contentsOfFile: marker, encoding: .utf8)) != configuration {
      try? FileManager.default.removeItem(atPath: root)
      print("generating \(sessions) sessions (\(shape), seed \(seed), large session: \(largeMB) MB) in \(data) …")
      let start = Date()
      let ids: [String]
      switch shape {
      case "varied": ids = try VariedTree(sessionCount: sessions, largeSessionMegabytes: largeMB, seed: seed).write(to: data)
      default: ids = try SyntheticTree(sessionCount: sessions, largeSessionMegabytes: largeMB, seed: seed).write(to: data)
      }
      try plantNeedles(in: data, ids: ids)
      try configuration.write(toFile: marker, atomically: true, encoding: .utf8)
      print(String(format: "generated in %.1f s", Date().timeIntervalSince(start)))
    }
    let sessionsPath = data + "/sessions"
    var json = 0
    var jsonl = 0
    var all = 0
    let enumerator = FileManager.default.enumerator(atPath: sessionsPath)
    while let path = enumerator?.nextObject() as? String {
      guard let size = enumerator?.fileAttributes?[.size] as? Int, enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
      all += size
      if path.hasSuffix("/trajectory.json") { json += size }
      if path.hasSuffix("/traj.jsonl") { jsonl += size }
    }
    let large = largeMB > 0 && shape != "varied" ? SyntheticTree.largeSessionID : nil
    return SearchBenchTree(
      dataDirectory: data, sessions: sessions, trajectoryBytes: json, eventLogBytes: jsonl, treeBytes: all, largeSession: large)
  }

  /// Adds a turn holding ``needle`` to a few sessions spread over the tree.
  private static func plantNeedles(in data: String, ids: [String]) throws {
    let reader = SessionReader(DataDirectory(data))
    for k in 0..<needleSessions {
      let id = ids[(k * 7919 + 13) % ids.count]
      guard var trajectory = try reader.load(id).trajectory else { continue }
      var store = try SessionStore(dataDirectory: data, sessionID: id, resume: true)
      let turn = Turn(
        input: "Check the deploy notes once more.",
        output: [
          .toolUse(ToolUse(id: "call_needle_\(k)", name: "Bash", arguments: .object(["command": "cat notes/deploy.md"]),
            output: "Deploy notes\n- rotate keys\n- the \(needle) runbook is in ops/\n- done")),
          .text("Found the runbook."),
        ],
        usage: UsageStats(inputTokens: 100, outputTokens: 20, costUSD: .double(0.001)))
      trajectory.turns.append(turn)
      trajectory.usage = trajectory.usage + turn.usage
      try store.appendTurn(turn, trajectory: trajectory, rawOutput: "")
    }
  }
}
