import CawCore
import Foundation
import Testing
import TestSupport

/// Runs list themselves while they record; another process can see and stop them; detached runs leave
/// the terminal's session.
@Suite("Run registry and detached runs", .serialized)
struct RunRegistryTests {
  private func slowScenario(_ tree: TempTree) throws -> FakeCLIs {
    let lines = [
      #"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5"}"#,
      #"{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"working"}]}}"#,
      #"{"type":"assistant","message":{"id":"m2","content":[{"type":"text","text":"still working"}]}}"#,
      #"{"type":"result","duration_ms":5,"total_cost_usd":0.001,"usage":{"input_tokens":1,"output_tokens":1}}"#,
    ]
    let scenario: [[String: Any]] = [["provider": "claude", "match": "long job", "lines": lines, "line_delay_ms": 4000]]
    tree.write("scenario.json", String(decoding: try JSONSerialization.data(withJSONObject: scenario), as: UTF8.self))
    return FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path)
  }

  /// Polls `condition` for up to 20 s.
  private func eventually(_ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<400 {
      if condition() { return true }
      try await Task.sleep(for: .milliseconds(50))
    }
    return condition()
  }

  @Test("a detached run lists itself, leaves the session, and stops on request with its turn kept")
  func detachedRunIsListedAndStopped() async throws {
    let tree = TempTree()
    let fakes = try slowScenario(tree)
    let runs = tree.path + "/runs"
    let environment = fakes.environment(extra: ["CAW_TUI_RUNS_DIR": runs])
    let data = tree.path + "/data"
    let registry = RunRegistry(environment: environment)
    let pid = try DetachedRun.start(
      executable: ProcessRun.cawTUI, arguments: ["run", "--data-dir", data, "--provider", "claude", "long job"],
      environment: environment, log: tree.path + "/run.log")

    #expect(try await eventually { registry.activeRuns().contains { $0.pid == pid } }, "the run never listed itself")
    let record = try #require(registry.activeRuns().first { $0.pid == pid })
    #expect(registry.run(recording: record.sessionID, in: data) == record)
    #expect(record.provider == "claude_code")
    #expect(sessionID(of: pid) != sessionID(of: getpid()), "the run stayed in our session")

    // Stop it once its first block is on disk.
    #expect(try await eventually {
      (try? SessionFiles.trajectory(data, record.sessionID))?.turns.first?.output.isEmpty == false
    })
    try registry.stop(record)
    #expect(try await eventually { !record.isAlive }, "the run did not stop")
    #expect(registry.activeRuns().isEmpty)
    let t = try SessionFiles.trajectory(data, record.sessionID)
    #expect(t.turns.first?.output == [.text("working")])
    #expect(!t.completedAt.isEmpty)
    #expect(tree.read("run.log").contains("cancelled; turns already recorded are kept"))
  }

  @Test("an entry whose process is gone is dropped")
  func staleEntriesAreDropped() throws {
    let tree = TempTree()
    let registry = RunRegistry(environment: ["CAW_TUI_RUNS_DIR": tree.path + "/runs"])
    let mine = try registry.register(sessionID: "s1", dataDirectory: tree.path, provider: .codex)
    #expect(registry.activeRuns() == [mine])
    tree.write(
      "runs/999999.json",
      #"{"pid": 999999, "process_start_time": 1, "session_id": "gone", "data_dir": "/x", "provider": "codex", "started_at": ""}"#)
    #expect(registry.activeRuns() == [mine])
    #expect(!FileManager.default.fileExists(atPath: tree.path + "/runs/999999.json"))
    registry.unregister(mine)
    #expect(registry.activeRuns().isEmpty)
  }

  /// The session id (field 6 of /proc/PID/stat) of a process.
  private func sessionID(of pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.count > 3 ? String(fields[3]) : nil
  }
}
