import Foundation
import OrderedCollections
import TestSupport
import Testing

@testable import CawCore

/// Sessions written by the real Python caw 0.1.9 (through fake CLIs) are read by CawCore with the same values.
@Suite("Interop: Python caw writes, CawCore reads", .serialized)
struct PythonWrittenTests {
  /// The tree Python caw wrote, once per test run, and the session list it reported.
  static let tree: Result<(TempTree, [JSONObject]), InteropError> = {
    let tree = TempTree("caw-python-written")
    do {
      let report = try Interop.json("write_sessions.py", [tree.path + "/caw_data"])
      let sessions = report["sessions"]?.arrayValue?.compactMap(\.objectValue) ?? []
      return .success((tree, sessions))
    } catch {
      return .failure(InteropError("\(error)"))
    }
  }()

  private func session(_ name: String) throws -> (DataDirectory, JSONObject) {
    let (tree, sessions) = try Self.tree.get()
    let entry = try #require(sessions.first { $0["name"]?.stringValue == name }, "write_sessions.py wrote no \(name)")
    return (DataDirectory(tree.path + "/caw_data"), entry)
  }

  static let names = [
    "claude_multi", "codex_multi", "opencode_multi", "resumed", "resumed_codex", "subagents", "unfinished",
    "usage_limited",
  ]

  @Test("every session Python wrote reads to the same trajectory as Python's from_dict", arguments: names)
  func sameTrajectory(name: String) throws {
    let (data, entry) = try session(name)
    let id = try #require(entry["session_id"]?.stringValue)
    let python = try Interop.json("inspect_session.py", [data.path, id])
    let loaded = try SessionReader(data).load(id)
    let trajectory = try #require(loaded.trajectory)
    #expect(loaded.source == .trajectoryFile)
    #expect(loaded.problems.isEmpty, "problems: \(loaded.problems)")
    let expected = try #require(python["from_dict"])
    #expect(
      PythonJSONWriter.string(trajectory.jsonValue, style: .indented)
        == PythonJSONWriter.string(expected, style: .indented))
    #expect(trajectory.turns.count == python["num_turns"]?.numberValue?.intValue)
    #expect(trajectory.toolCallCount == python["total_tool_calls"]?.numberValue?.intValue)
    #expect(.bool(trajectory.isComplete) == python["is_complete"])
    #expect(.string(trajectory.result) == python["result"])
  }

  @Test("re-serialising a Python-written trajectory.json reproduces it byte for byte", arguments: names)
  func byteIdentical(name: String) throws {
    let (data, entry) = try session(name)
    let id = try #require(entry["session_id"]?.stringValue)
    let path = data.sessionsPath + "/" + id + "/trajectory.json"
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let trajectory = try #require(try Trajectory.read(original).trajectory)
    #expect(trajectory.trajectoryFileBytes() == original)
  }

  @Test("the resume handle CawCore computes is the one Python computes", arguments: names)
  func sameHandle(name: String) throws {
    let (data, entry) = try session(name)
    let id = try #require(entry["session_id"]?.stringValue)
    let python = try Interop.json("inspect_session.py", [data.path, id])
    let trajectory = try #require(try SessionReader(data).load(id).trajectory)
    let expected = try #require(python["resume_handle"]?.stringValue, "Python gave no handle for \(name)")
    #expect(try ResumeHandle.forTrajectory(trajectory).encoded == expected)
  }

  @Test(
    "the list's quick read answers for every session Python wrote, with the full reader's summary", arguments: names)
  func quickSummaryAgrees(name: String) throws {
    let (data, entry) = try session(name)
    let id = try #require(entry["session_id"]?.stringValue)
    let reader = SessionReader(data)
    let quick = try #require(reader.quickSummary(id), "the quick read gave up on \(name)")
    #expect("\(quick)" == "\(SessionSummary(reader.loadDirectory(named: id)))")
  }

  @Test("statuses, counts and costs of the list match what the files say")
  func listSummaries() throws {
    let (data, _) = try session("claude_multi")
    let summaries = try SessionReader(data).listSessions()
    #expect(summaries.count == Self.names.count)
    #expect(summaries.allSatisfy { $0.status != .broken })
    let byName = try Dictionary(
      uniqueKeysWithValues: Self.names.map { name in
        let id = try #require(try session(name).1["session_id"]?.stringValue)
        return (name, try #require(summaries.first { $0.id == id }))
      })
    #expect(byName["unfinished"]?.status == .unfinished)
    #expect(byName["usage_limited"]?.status == .usageLimited)
    #expect(byName["claude_multi"]?.status == .finished)
    #expect(byName["claude_multi"]?.agent == "claude_code")
    #expect(byName["codex_multi"]?.agent == "codex")
    #expect(byName["opencode_multi"]?.agent == "opencode")
    #expect((byName["claude_multi"]?.toolErrorCount ?? 0) >= 1)
    #expect((byName["resumed"]?.turnCount ?? 0) == 2)
    // The subagent session's cost includes its nested subagents.
    let sub = try #require(byName["subagents"])
    let subTrajectory = try #require(try SessionReader(data).load(sub.id).trajectory)
    #expect(sub.totalUsage.cost > subTrajectory.usage.cost)
    #expect(subTrajectory.subagentTrajectories.first?.subagentTrajectories.isEmpty == false)
  }

  @Test("traj.jsonl alone rebuilds the same turns Python recorded")
  func eventLogReplayMatches() throws {
    for name in Self.names {
      let (data, entry) = try session(name)
      let id = try #require(entry["session_id"]?.stringValue)
      let loaded = try SessionReader(data).load(id)
      let full = try #require(loaded.trajectory)
      // The session's own replay keeps no text when trajectory.json is whole: replay the log alone.
      let log = try Data(contentsOf: URL(fileURLWithPath: data.sessionsPath + "/\(id)/traj.jsonl"))
      let replay = try #require(EventLogReplay(Array(log)).trajectory, "\(name): no traj.jsonl replay")
      #expect(loaded.eventLog?.trajectory == nil, "the session keeps only the log's problems and counts")
      #expect(loaded.eventLog?.parentTurnEnds == EventLogReplay(Array(log)).parentTurnEnds)
      let finishedTurns = loaded.hasTurnInProgress ? Array(full.turns.dropLast()) : full.turns
      #expect(replay.turns == finishedTurns, "\(name)")
      #expect(replay.agent == full.agent && replay.sessionID == full.sessionID && replay.createdAt == full.createdAt)
    }
  }
}

extension PythonWrittenTests {
  @Test("caw-tui show prints the same totals and tool usage as caw traj", arguments: names)
  func showAgreesWithCawTraj(name: String) throws {
    let (data, entry) = try session(name)
    let id = try #require(entry["session_id"]?.stringValue)
    let traj = try Interop.script("caw_traj_lines.py", [data.sessionsPath + "/" + id + "/trajectory.json"])
      .split(separator: "\n").map(String.init)
    let show = try ProcessRun.run(ProcessRun.cawTUI, ["show", "--data-dir", data.path, id])
    #expect(show.status == 0, "\(show.stderr)")
    let lines = show.stdout.split(separator: "\n").map(String.init)
    // caw traj: Source, summary, tool usage. Our summary has no "Steps:" part (steps are a caw traj notion).
    let cawSummary = traj[1].split(separator: " | ").filter { !$0.hasPrefix("Steps:") }.joined(separator: " | ")
    #expect(lines.contains(cawSummary), "caw traj: \(cawSummary)\nours:\n\(show.stdout)")
    #expect(lines.contains(traj[2]))
  }
}
