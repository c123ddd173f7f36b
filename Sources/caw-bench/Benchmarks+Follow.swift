import CawCore
import Foundation
import Glibc

extension Benchmarks {
  /// From a turn written to a session to its summary read again: the session alone, and the whole list
  /// through the index.
  func followFigures() throws -> [Figure] {
    let reader = SessionReader(DataDirectory(tree.dataDirectory))
    guard let session = try reader.listSessions().first(where: { $0.status == .unfinished && $0.source == .trajectoryFile }) else {
      return []
    }
    // A copy, so the benchmark tree stays as generated.
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-follow-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/sessions", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: session.path, toPath: root + "/sessions/" + session.id)
    let copy = SessionReader(DataDirectory(root))
    var store = try SessionStore(dataDirectory: root, sessionID: session.id, resume: true)
    var trajectory = try copy.load(session.id).trajectory ?? Trajectory(agent: session.agent)
    var latencies: [Double] = []
    for index in 0..<max(runs * 8, 20) {
      let turn = Turn(input: "follow-up \(index)", output: [.text("done")], usage: UsageStats(inputTokens: 10, costUSD: .double(0.01)))
      trajectory.turns.append(turn)
      try store.appendTurn(turn, trajectory: trajectory, rawOutput: "")
      let start = DispatchTime.now().uptimeNanoseconds
      let summary = copy.summarise(session.id)
      latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      guard summary.turnCount == trajectory.turns.count else { throw BenchError("follow: the new turn was not read") }
    }
    latencies.sort()
    let p99 = latencies[min(latencies.count - 1, Int((Double(latencies.count) * 0.99).rounded(.up)) - 1)]

    return [
      Figure(name: "write → session summary re-read, p50", value: Measure.middle(latencies), unit: "ms", target: .atMost(50)),
      Figure(name: "write → session summary re-read, p99", value: p99, unit: "ms", target: .atMost(150)),
    ]
  }

  /// Process start-up: `--version`, and `list` on an empty tree.
  func startupFigures() throws -> [Figure] {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-empty-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: empty + "/sessions", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let environment = ["XDG_CACHE_HOME": empty + "-cache", "PATH": "/usr/bin:/bin"]
    defer { try? FileManager.default.removeItem(atPath: empty + "-cache") }
    let count = max(runs * 2, 10)
    let version = try Measure.medianRun(runs: count, cawTUI, ["--version"], environment: environment)
    let list = try Measure.medianRun(runs: count, cawTUI, ["list", "--data-dir", empty], environment: environment)
    let pythonHelp = try python.map { try Measure.medianRun(runs: count, $0.caw, ["--help"]) }
    return [
      Figure(name: "`caw-tui --version` (python: `caw --help`)", value: version.seconds * 1000, cpu: version.cpuSeconds * 1000, python: pythonHelp.map { $0.seconds * 1000 }, unit: "ms", target: .atMost(50)),
      Figure(name: "`caw-tui list` on an empty tree", value: list.seconds * 1000, cpu: list.cpuSeconds * 1000, python: pythonHelp.map { $0.seconds * 1000 }, unit: "ms", target: .atMost(50)),
    ]
  }
}
