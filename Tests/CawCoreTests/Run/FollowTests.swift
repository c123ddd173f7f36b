import Foundation
import TestSupport
import Testing

@testable import CawCore

/// Live follow: the watcher reports writes as another process makes them, and the follower keeps a
/// good view through caw's non-atomic rewrites of `trajectory.json`.
@Suite("Live follow", .serialized)
struct FollowTests {
  /// Collects the changes a watcher reports, with when they arrived.
  final class Changes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(SessionChange, ContinuousClock.Instant)] = []
    func add(_ change: SessionChange) { lock.withLock { items.append((change, .now)) } }
    /// The first report naming `id` at or after `since`.
    func first(naming id: String, after since: ContinuousClock.Instant) -> ContinuousClock.Instant? {
      lock.withLock { items.first { $0.1 >= since && $0.0.sessionIDs.contains(id) }?.1 }
    }
  }

  /// Writes one session as caw does: the metadata line, then trajectory.json rewritten in place (truncate,
  /// then write in two pieces) and turn events appended to traj.jsonl.
  private func writeLikeCaw(_ directory: String, round: Int) throws {
    let log = directory + "/traj.jsonl"
    let handle = try #require(FileHandle(forWritingAtPath: log))
    handle.seekToEndOfFile()
    handle.write(Data("{\"type\": \"user\", \"message\": \"m\(round)\", \"turn_index\": \(round)}\n".utf8))
    try handle.close()
    let trajectory = Trajectory(
      agent: "claude_code", sessionID: "s", createdAt: "2026-01-01T00:00:00+00:00",
      turns: (0...round).map { Turn(input: "m\($0)", output: [.text("answer \($0)")]) })
    let bytes = trajectory.trajectoryFileBytes()
    let fd = open(directory + "/trajectory.json", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    try #require(fd >= 0)
    defer { close(fd) }
    let half = bytes.count / 2
    _ = bytes[..<half].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    usleep(2_000)
    _ = bytes[half...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  }

  @Test("every write is reported, with inotify and with polling", arguments: [false, true])
  func watcherReportsWrites(forcePolling: Bool) async throws {
    let tree = TempTree()
    let data = DataDirectory(tree.path + "/data")
    let session = data.sessionsPath + "/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
    try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
    tree.write("data/sessions/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/traj.jsonl", "")
    let watcher = SessionWatcher(data, pollInterval: .milliseconds(50), forcePolling: forcePolling)
    defer { watcher.stop() }
    #expect(watcher.mode == (forcePolling ? .polling(interval: .milliseconds(50)) : .inotify))
    let changes = Changes()
    let reader = Task { for await change in watcher.changes { changes.add(change) } }
    defer { reader.cancel() }
    // Once the watcher reports a write, it is surely watching (a poller takes its first look on its own
    // thread, so the blank lines are appended until one is reported).
    let started = ContinuousClock.now
    var blankLines = ""
    try await awaitUntil("the watcher's first report", interval: 0.05) {
      blankLines += "\n"
      tree.write("data/sessions/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/traj.jsonl", blankLines)
      return changes.first(naming: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", after: started) != nil
    }

    var latencies: [Duration] = []
    for round in 0..<20 {
      let written = ContinuousClock.now
      try writeLikeCaw(session, round: round)
      var seen: ContinuousClock.Instant?
      try await awaitUntil("write \(round) to be reported", seconds: 5, interval: 0.005) {
        seen = changes.first(naming: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", after: written)
        return seen != nil
      }
      latencies.append(seen! - written)
      // NB: not a synchronisation: spaces the writes so each is a report of its own, as caw's are.
      try await Task.sleep(for: .milliseconds(60))
    }
    // A new session directory is reported too.
    let added = ContinuousClock.now
    try FileManager.default.createDirectory(atPath: data.sessionsPath + "/new-one", withIntermediateDirectories: true)
    try await awaitUntil("the new session directory to be reported", seconds: 5) {
      changes.first(naming: "new-one", after: added) != nil
    }
    // Latency, write to report: inotify answers at once; polling within about one 50 ms interval. The
    // bounds leave room for a loaded machine yet fail a watcher that batches or polls slowly.
    let sorted = latencies.sorted()
    let median = sorted[sorted.count / 2]
    let limit: Duration = forcePolling ? .milliseconds(400) : .milliseconds(200)
    #expect(median < limit, "median write → report latency \(median) (all: \(sorted))")
    #expect(sorted.last! < .seconds(3), "slowest write → report \(sorted.last!) (all: \(sorted))")
  }

  @Test("a trajectory.json caught mid-rewrite keeps the last good view; the next whole file replaces it")
  func followerSurvivesTornReads() async throws {
    let tree = TempTree()
    let id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
    let good = Trajectory(
      agent: "codex", sessionID: id, createdAt: "2026-01-01T00:00:00+00:00",
      turns: [Turn(input: "one", output: [.text("partial answer")])])
    tree.write("data/sessions/\(id)/traj.jsonl", "")
    tree.write("data/sessions/\(id)/trajectory.json", bytes: good.trajectoryFileBytes())
    var follower = SessionFollower(reader: SessionReader(DataDirectory(tree.path + "/data")))
    let first = follower.refresh(id)
    #expect(first.trajectory?.turns.first?.output == [.text("partial answer")])

    let torn = Array(good.trajectoryFileBytes().prefix(40))
    tree.write("data/sessions/\(id)/trajectory.json", bytes: torn)
    let during = follower.refresh(id, retries: 2, delay: .milliseconds(1))
    #expect(during.trajectory == first.trajectory, "the torn read replaced the good view")
    #expect(during.source == .trajectoryFile)
    // An export's read wants all the text: it is not handed the view (whose long outputs may be heads).
    let export = follower.refresh(id, retries: 0, budget: .unlimited, kept: false)
    #expect(export.trajectory == nil && export.trajectoryFileUnreadable)

    var next = good
    next.turns[0].output.append(.text("more"))
    tree.write("data/sessions/\(id)/trajectory.json", bytes: next.trajectoryFileBytes())
    let after = follower.refresh(id)
    #expect(after.trajectory?.turns.first?.output == [.text("partial answer"), .text("more")])
  }

  @Test("the follower keeps the last good views of its most recent sessions only; an export's read is not kept")
  func followerKeepsABoundedNumberOfViews() throws {
    let tree = TempTree()
    let ids = (0..<3).map { String(format: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0%02d", $0) }
    for id in ids {
      let t = Trajectory(
        agent: "codex", sessionID: id, createdAt: "2026-01-01T00:00:00+00:00", turns: [Turn(input: id, output: [])])
      tree.write("data/sessions/\(id)/traj.jsonl", "")
      tree.write("data/sessions/\(id)/trajectory.json", bytes: t.trajectoryFileBytes())
    }
    var follower = SessionFollower(reader: SessionReader(DataDirectory(tree.path + "/data")))
    follower.capacity = 2
    for id in ids { _ = follower.refresh(id) }
    _ = follower.refresh(ids[1], budget: .unlimited, kept: false)
    for id in ids { tree.write("data/sessions/\(id)/trajectory.json", "{\"agent\": \"co") }
    let views = ids.map { follower.refresh($0, retries: 0) }
    #expect(views[0].trajectory == nil, "the oldest view was dropped: \(String(describing: views[0].brokenReason))")
    #expect(views[1].trajectory?.turns.first?.input == ids[1])
    #expect(views[2].trajectory?.turns.first?.input == ids[2])
  }

  @Test("a session Python caw is recording is seen growing block by block, then finished")
  func followsPythonCaw() async throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    try FileManager.default.createDirectory(atPath: data + "/sessions", withIntermediateDirectories: true)
    let watcher = SessionWatcher(DataDirectory(data))
    defer { watcher.stop() }
    let python = try Interop.python.get()
    let writer = Task.detached {
      try ProcessRun.run(python, [ProcessRun.packageRoot + "/Tests/Interop/slow_session.py", data, "400"])
    }
    let blockCounts = try await withDeadline(seconds: 120, "the Python caw session to be seen finished") {
      var follower = SessionFollower(reader: SessionReader(DataDirectory(data)))
      var blockCounts: [Int] = []
      for await change in watcher.changes {
        for id in change.sessionIDs {
          let view = follower.refresh(id)
          let count = view.trajectory?.turns.last?.output.count ?? 0
          if count != blockCounts.last { blockCounts.append(count) }
          if view.status == .finished { return blockCounts }
        }
      }
      throw WaitTimedOut(what: "the watcher's reports (it stopped)", seconds: 0, lastSeen: "\(blockCounts)")
    }
    let result = try await writer.value
    #expect(result.status == 0, "\(result.stderr)")
    #expect(blockCounts.last == 4)
    #expect(blockCounts.filter { $0 > 0 && $0 < 4 }.count >= 2, "the turn was not seen in progress: \(blockCounts)")
  }
}
