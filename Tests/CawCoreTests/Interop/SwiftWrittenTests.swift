import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Sessions CawCore writes are read, resumed and listed by the real Python caw 0.1.9 with the same values.
@Suite("Interop: CawCore writes, Python caw reads", .serialized)
struct SwiftWrittenTests {
  /// The demo tree, written by CawCore's SessionStore.
  static let tree: (TempTree, [String]) = {
    let tree = TempTree("caw-swift-written")
    let ids = (try? DemoTree.write(to: tree.path + "/caw_data", now: 1_795_000_000)) ?? []
    return (tree, ids)
  }()

  private var data: DataDirectory { DataDirectory(Self.tree.0.path + "/caw_data") }

  @Test("the demo tree has seven sessions")
  func demoTreeWritten() {
    #expect(Self.tree.1.count == 7)
  }

  @Test("Python's from_dict and load_trajectory see exactly what CawCore wrote", arguments: 0..<7)
  func pythonReadsOurFiles(index: Int) throws {
    let id = try #require(Self.tree.1.dropFirst(index).first)
    let python = try Interop.json("inspect_session.py", [data.path, id])
    let ours = try #require(try SessionReader(data).load(id).trajectory)
    let text = PythonJSONWriter.string(ours.jsonValue, style: .indented)
    #expect(python["trajectory_error"] == .null)
    #expect(PythonJSONWriter.string(try #require(python["from_dict"]), style: .indented) == text)
    #expect(PythonJSONWriter.string(try #require(python["load_trajectory"]), style: .indented) == text)
    #expect(python["num_turns"]?.numberValue?.intValue == ours.turns.count)
    // Python reads every traj.jsonl line we appended.
    #expect(python["jsonl_errors"]?.arrayValue?.isEmpty == true)
    let events = try #require(python["jsonl_events"]?.arrayValue)
    #expect(events.first?["type"] == "metadata")
    let parentTurnEnds = events.filter { $0["type"] == "turn_end" && $0["subagent"] == nil }.count
    let recordedTurns = ours.turns.count - (ours.completedAt.isEmpty && parentTurnEnds < ours.turns.count ? 1 : 0)
    #expect(parentTurnEnds == recordedTurns)
  }

  @Test("Python computes the same resume handle for our sessions", arguments: 0..<7)
  func sameHandle(index: Int) throws {
    let id = try #require(Self.tree.1.dropFirst(index).first)
    let python = try Interop.json("inspect_session.py", [data.path, id])
    let ours = try #require(try SessionReader(data).load(id).trajectory)
    #expect(python["resume_handle"]?.stringValue == (try ResumeHandle.forTrajectory(ours).encoded))
  }

  @Test("caw traj finds line numbers in every file we wrote", arguments: 0..<7)
  func cawTrajLineNumbers(index: Int) throws {
    let id = try #require(Self.tree.1.dropFirst(index).first)
    let out = try Interop.script("caw_traj_lines.py", [data.sessionsPath + "/" + id + "/trajectory.json", "--recursive"])
    #expect(!out.contains("L?"), "caw traj fell back to L?:\n\(out)")
    #expect(out.contains("(") && out.contains("L"), "no step listing:\n\(out)")
  }

  @Test("Python's Agent.resume_session accepts our handle and continues our numbering", arguments: ["claude_code", "codex", "opencode"])
  func pythonResumesOurSession(provider: String) throws {
    // Resume a copy, so the other tests keep reading the pristine tree.
    let copy = TempTree("caw-resume-copy")
    try FileManager.default.copyItem(atPath: data.path, toPath: copy.path + "/caw_data")
    let copied = DataDirectory(copy.path + "/caw_data")
    let summary = try #require(try SessionReader(copied).listSessions().first { $0.agent == provider && $0.status == .finished })
    let before = try #require(try SessionReader(copied).load(summary.id).trajectory)
    let handle = try ResumeHandle.forTrajectory(before).encoded
    let result = try Interop.json("resume_with_caw.py", [copied.path, handle, "one more thing"])
    #expect(result["session_id"]?.stringValue == summary.id)
    #expect(result["num_turns"]?.numberValue?.intValue == before.turns.count + 1)
    let next = SessionStore.turnPrefix(before.turns.count)
    #expect(result["turn_files"]?.arrayValue?.contains(.string("\(next)_input.txt")) == true)
    // CawCore reads the appended session back, with the created_at it had.
    let after = try #require(try SessionReader(copied).load(summary.id).trajectory)
    #expect(after.turns.count == before.turns.count + 1)
    #expect(after.turns.last?.input == "one more thing")
    #expect(after.createdAt == before.createdAt)
    #expect(Array(after.turns.prefix(before.turns.count)) == before.turns)
  }
}
