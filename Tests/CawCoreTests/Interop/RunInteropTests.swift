import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// Sessions started by one program are resumed by the other: Python caw 0.1.9 continues a session
/// `caw-tui run` recorded, and `caw-tui resume` continues sessions Python caw recorded.
@Suite("Resume across programs", .serialized)
struct RunInteropTests {
  private func environment(_ fakes: FakeCLIs) throws -> [String: String] {
    let python = try Interop.python.get()
    return fakes.environment(pythonDirectory: URL(fileURLWithPath: python).deletingLastPathComponent().path)
  }

  private func scenario(_ tree: TempTree, _ entries: String) -> FakeCLIs {
    tree.write("scenario.json", entries)
    return FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path)
  }

  @Test("Python caw resumes an opencode session caw-tui recorded, in the same directory")
  func pythonResumesOurSession() throws {
    let tree = TempTree()
    let fakes = scenario(
      tree,
      #"""
      [{"provider": "opencode", "match": "start here", "lines": [
        "{\"type\":\"step_start\",\"timestamp\":1767036059338,\"sessionID\":\"ses_interop01\",\"part\":{\"type\":\"step-start\"}}",
        "{\"type\":\"text\",\"timestamp\":1767036059339,\"sessionID\":\"ses_interop01\",\"part\":{\"type\":\"text\",\"text\":\"Started.\"}}",
        "{\"type\":\"step_finish\",\"timestamp\":1767036059340,\"sessionID\":\"ses_interop01\",\"part\":{\"type\":\"step-finish\",\"cost\":0.001,\"tokens\":{\"input\":10,\"output\":2,\"reasoning\":0,\"cache\":{\"read\":0,\"write\":0}}}}"
      ]}]
      """#)
    let data = tree.path + "/data"
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", data, "--provider", "opencode", "--system-prompt", "Be kind.", "start here"],
      environment: try environment(fakes))
    #expect(run.status == 0, "\(run.stderr)")
    let id = try SessionFiles.onlySession(data)
    let handle = try #require(
      run.stderr.split(separator: "\n").first { $0.hasPrefix("resume handle: ") }.map { String($0.dropFirst(15)) })
    #expect(handle.contains(#""resume_key": "ses_interop01""#))

    let resumed = try Interop.json("resume_with_caw.py", [data, handle, "and continue"])
    #expect(resumed["session_id"]?.stringValue == id)
    #expect(resumed["num_turns"] == .number(.int(2)))
    let argv = resumed["fake_log"]?[0]?["argv"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(argv.contains("--session") && argv.contains("ses_interop01"))
    #expect(argv.last == "and continue", "no system-prompt prefix on a resumed turn")
    let t = try SessionFiles.trajectory(data, id)
    #expect(t.turns.map(\.input) == ["start here", "and continue"])
    #expect(t.systemPrompt == "Be kind.")
  }

  @Test("caw-tui resumes codex and claude sessions Python caw recorded, by id and by handle")
  func weResumePythonSessions() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    let written = try Interop.json("write_sessions.py", [data])["sessions"]?.arrayValue ?? []
    func session(_ name: String) throws -> JSONValue {
      try #require(written.first { $0["name"]?.stringValue == name }, "write_sessions.py wrote no \(name)")
    }
    let codex = try session("codex_multi")
    let claude = try session("resumed")
    let codexID = try #require(codex["session_id"]?.stringValue)
    let claudeHandle = try #require(claude["resume_handle"]?.stringValue)
    let claudeID = try #require(claude["session_id"]?.stringValue)
    let before = try SessionFiles.trajectory(data, codexID)
    let fakes = scenario(
      tree,
      #"""
      [{"provider": "codex", "match": "codex again", "lines": [
        "{\"type\":\"thread.started\",\"thread_id\":\"{THREAD_ID}\"}",
        "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"agent_message\",\"text\":\"Again.\"}}",
        "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,\"cached_input_tokens\":40,\"output_tokens\":5}}"]},
       {"provider": "claude", "match": "claude again", "lines": [
        "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"Yes.\"}]}}",
        "{\"type\":\"result\",\"duration_ms\":10,\"total_cost_usd\":0.001,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"]}]
      """#)
    let environment = try environment(fakes)
    let byID = try ProcessRun.run(
      ProcessRun.cawTUI, ["resume", "--data-dir", data, String(codexID.prefix(8)), "codex again"], environment: environment)
    #expect(byID.status == 0, "\(byID.stderr)")
    let byHandle = try ProcessRun.run(
      ProcessRun.cawTUI, ["resume", "--data-dir", data, claudeHandle, "claude again"], environment: environment)
    #expect(byHandle.status == 0, "\(byHandle.stderr)")

    let after = try SessionFiles.trajectory(data, codexID)
    #expect(after.turns.count == before.turns.count + 1)
    #expect(after.createdAt == before.createdAt)
    #expect(after.systemPrompt == before.systemPrompt && after.model == before.model)
    #expect(after.turns.last?.usage.inputTokens == 60)
    let log = try fakes.invocations()
    let codexArgv = try #require(log.first { ($0["provider"] as? String) == "codex" }?["argv"] as? [String])
    let thread = before.metadata["thread_id"]?.stringValue ?? ""
    #expect(Array(codexArgv.dropFirst().prefix(2)) == ["exec", "resume"])
    #expect(Array(codexArgv.suffix(3)) == ["--", thread, "codex again"])
    #expect(codexArgv.contains("-m") && codexArgv.contains("gpt-5.3-codex"))
    let claudeArgv = try #require(log.first { ($0["provider"] as? String) == "claude" }?["argv"] as? [String])
    #expect(claudeArgv.contains("--resume=" + claudeID) && !claudeArgv.contains { $0.hasPrefix("--session-id") })
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(data)/sessions/\(codexID)/turns").sorted()
    #expect(files.contains(SessionStore.turnPrefix(before.turns.count) + "_input.txt"))

    let inspected = try Interop.json("inspect_session.py", [data, codexID])
    #expect(inspected["num_turns"] == .number(.int(before.turns.count + 1)))
    #expect(inspected["trajectory_error"] == .null)
  }

  @Test("a session with no resume key is refused and nothing is written")
  func noResumeKey() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    let id = "0b7c3a52-9d1e-4f4a-8c1d-2e3f4a5b6c7d"
    tree.write(
      "data/sessions/\(id)/trajectory.json",
      #"{"agent": "codex", "model": "", "session_id": "\#(id)", "turns": [], "metadata": {}}"# + "\n")
    let before = tree.read("data/sessions/\(id)/trajectory.json")
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["resume", "--data-dir", data, id, "hello"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("Cannot resume '\(id)': no resume key was persisted for this session."))
    #expect(tree.read("data/sessions/\(id)/trajectory.json") == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(data)/sessions/\(id)") == ["trajectory.json"])
  }
}
