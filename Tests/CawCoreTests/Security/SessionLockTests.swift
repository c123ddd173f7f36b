import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Issue 12, item 3: two writers of one session never interleave; the second is refused, naming the first.
@Suite("One writer per session", .serialized)
struct SessionLockTests {
  @Test("a second store for a session is refused while the first is open, and allowed after")
  func secondStoreRefused() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    var first: SessionStore? = try SessionStore(dataDirectory: data, sessionID: "s1")
    #expect(first != nil)
    do {
      _ = try SessionStore(dataDirectory: data, sessionID: "s1", resume: true)
      Issue.record("a second writer of s1 was let in")
    } catch {
      #expect(error.code == .sessionBusy)
      #expect(error.message.contains("s1 is being recorded by"), "\(error.message)")
      #expect(error.message.contains("pid \(getpid())"), "\(error.message)")
    }
    #expect(SessionStore.recorder(of: "s1", in: DataDirectory(data)) != nil)
    first = nil
    #expect(SessionStore.recorder(of: "s1", in: DataDirectory(data)) == nil)
    #expect(throws: Never.self) { _ = try SessionStore(dataDirectory: data, sessionID: "s1", resume: true) }
  }

  @Test("two resumes of one session: the second is refused naming the first; no turn is lost or mixed")
  func concurrentResumes() async throws {
    let tree = TempTree()
    let id = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"
    var entries = [FakeScenario.entry("claude", "start", FakeScenario.claudeLines("started"))]
    // The first writer's first turn waits at a gate until the second writer has been answered.
    let gate = tree.path + "/release-first-writer"
    for name in ["X1", "X2", "X3"] {
      let lines = (name == "X1" ? ["{GATE:\(gate)}"] : []) + FakeScenario.claudeLines("x")
      entries.append(FakeScenario.entry("claude", name, lines))
    }
    for name in ["Y1", "Y2", "Y3"] { entries.append(FakeScenario.entry("claude", name, FakeScenario.claudeLines("y"))) }
    let scenario = try FakeScenario(tree, entries)
    let runs = tree.path + "/runs"
    let start = try scenario.run(
      ["run", "--data-dir", scenario.data, "--provider", "claude", "--session-id", id, "start"], extra: ["CAW_TUI_RUNS_DIR": runs])
    try #require(start.status == 0, "\(start.stderr)")

    let first = Process()
    first.executableURL = URL(fileURLWithPath: ProcessRun.cawTUI)
    first.arguments = ["resume", "--data-dir", scenario.data, id, "X1", "X2", "X3"]
    first.environment = scenario.fakes.environment(extra: ["CAW_TUI_RUNS_DIR": runs])
    first.standardOutput = FileHandle.nullDevice
    first.standardError = FileHandle.nullDevice
    try first.run()
    // Wait until the first resume runs its CLI, so it holds the session.
    var seen: [[String: Any]] = []
    for _ in 0..<600 {
      seen = (try? scenario.fakes.invocations()) ?? []
      if seen.contains(where: { ($0["prompt"] as? String) == "X1" }) { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    try #require(seen.contains { ($0["prompt"] as? String) == "X1" }, "the first resume never started its CLI: \(seen)")
    let second = try scenario.run(["resume", "--data-dir", scenario.data, id, "Y1", "Y2", "Y3"], extra: ["CAW_TUI_RUNS_DIR": runs])
    #expect(FileManager.default.createFile(atPath: gate, contents: Data()), "the gate could not be opened")
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(second.status != 0, "the second writer was let in")
    #expect(second.stderr.contains("is being recorded by"), "\(second.stderr)")
    #expect(second.stderr.contains("pid \(first.processIdentifier)"), "\(second.stderr)")

    let t = try SessionFiles.trajectory(scenario.data, id)
    #expect(t.turns.map(\.input) == ["start", "X1", "X2", "X3"])
    let turns = try FileManager.default.contentsOfDirectory(atPath: "\(scenario.data)/sessions/\(id)/turns").sorted()
    #expect(turns.filter { $0.hasSuffix("_input.txt") } == ["000_input.txt", "001_input.txt", "002_input.txt", "003_input.txt"])
    for (index, input) in ["start", "X1", "X2", "X3"].enumerated() {
      #expect(tree.read("data/sessions/\(id)/turns/\(SessionStore.turnPrefix(index))_input.txt") == input)
    }
    let log = tree.read("data/sessions/\(id)/traj.jsonl")
    let ends = log.split(separator: "\n").filter { $0.contains("\"turn_end\"") }
    #expect(ends.count == 4)
    for index in 0..<4 { #expect(ends.filter { $0.contains("\"turn_index\": \(index)") }.count == 1) }
  }
}
