@testable import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// What a session is read as when its files are unusual: rebuilt from traj.jsonl, an empty object for a
/// trajectory, the demo's session with a turn left open.
@Suite struct SessionLabelTests {
  @Test("a claude session rebuilt from traj.jsonl keeps the model its CLI reported, as trajectory.json had it")
  func rebuiltSessionKeepsItsModel() throws {
    let tree = TempTree()
    let data = tree.path + "/caw_data"
    var store = try SessionStore(dataDirectory: data, sessionID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
    // caw writes the metadata line before the CLI's init event names the model: "" when none was configured.
    var t = Trajectory(agent: "claude_code", model: "", sessionID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
    try store.writeMetadata(t)
    t.model = "claude-sonnet-4-5"
    let turn = Turn(input: "hi", output: [.text("hello")], usage: UsageStats(inputTokens: 3, costUSD: .double(0.01)))
    t.turns = [turn]
    let init_ = #"{"type":"system","subtype":"init","session_id":"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","model":"claude-sonnet-4-5","tools":[]}"#
    try store.appendTurn(turn, trajectory: t, rawOutput: init_ + "\n" + #"{"type":"result","total_cost_usd":0.01}"# + "\n")
    try FileManager.default.removeItem(atPath: data + "/sessions/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9/trajectory.json")
    let reader = SessionReader(DataDirectory(data))
    let loaded = reader.loadDirectory(named: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")
    #expect(loaded.source == .eventLog)
    #expect(loaded.trajectory?.model == "claude-sonnet-4-5")
    #expect(reader.summarise("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9").model == "claude-sonnet-4-5")
  }

  @Test("a trajectory.json that is an empty object is broken, not an unfinished session; traj.jsonl still rescues it")
  func emptyObjectIsBroken() throws {
    let tree = TempTree()
    tree.write("caw_data/sessions/empty/trajectory.json", "{}")
    tree.write("caw_data/sessions/unknown-keys/trajectory.json", #"{"hello": "world"}"#)
    tree.write("caw_data/sessions/rescued/trajectory.json", "{}\n")
    tree.write(
      "caw_data/sessions/rescued/traj.jsonl",
      #"{"type": "metadata", "session_id": "rescued", "created_at": "2026-01-01T00:00:00+00:00", "agent": "codex", "model": "gpt-5.3-codex", "system_prompt": "", "reasoning": "", "mcp_servers": [], "metadata": {}}"# + "\n")
    let reader = SessionReader(DataDirectory(tree.path + "/caw_data"))
    for id in ["empty", "unknown-keys"] {
      let loaded = reader.loadDirectory(named: id)
      #expect(loaded.status == .broken, "\(id)")
      #expect(loaded.brokenReason?.contains("none of a trajectory's fields") == true, "\(id): \(loaded.brokenReason ?? "")")
    }
    let rescued = reader.loadDirectory(named: "rescued")
    #expect(rescued.source == .eventLog)
    #expect(rescued.trajectory?.agent == "codex")
    // The skimmed read (the list's) agrees with the full one.
    #expect(reader.summarise("empty").status == .broken)
  }

  @Test("the demo's files carry the times they show, so its open turn is not taken for a running one")
  func demoFilesCarryTheirTimes() throws {
    let tree = TempTree()
    let now = 1_795_000_000.0
    try DemoTree.write(to: tree.path, now: now)
    let summaries = try SessionReader(DataDirectory(tree.path)).listSessions()
    let open = try #require(summaries.first { $0.hasTurnInProgress })
    #expect(open.lastModified < now - SessionSummary.recentWriteWindow)
    #expect(!open.isBeingWritten(now: now))
    #expect(open.isBeingWritten(now: open.lastModified + 10))
    #expect(summaries.allSatisfy { $0.lastModified <= now })
  }

  @Test("the summary index keeps whether the last turn was cancelled")
  func theIndexKeepsTheCancelledMark() throws {
    var t = Trajectory(agent: "codex", sessionID: "s", turns: [Turn(input: "a"), Turn(input: "b")])
    t.metadata["cancelled_turns"] = .array([.number(.int(1))])
    #expect(t.cancelledTurns == [1])
    #expect(t.lastTurnCancelled)
    let summary = SessionSummary(
      LoadedSession(
        id: "s", path: "", trajectory: t, source: .trajectoryFile, status: .finished, brokenReason: nil, problems: [],
        eventLog: nil, lastModified: 0))
    #expect(summary.lastTurnCancelled)
    var out = ByteWriter()
    SummaryCacheFile.encodeSummary(summary, into: &out)
    var input = ByteReader(out.bytes, from: 0)
    #expect(SummaryCacheFile.decodeSummary(&input)?.lastTurnCancelled == true)
  }

  @Test("a summary's project is where the agent worked (metadata.cwd), kept by the summary index")
  func theProjectIsTheWorkingDirectory() throws {
    var t = Trajectory(agent: "codex", sessionID: "s", turns: [Turn(input: "a")])
    t.metadata["cwd"] = .string("/srv/ledger/")
    let summary = SessionSummary(
      LoadedSession(
        id: "s", path: "", trajectory: t, source: .trajectoryFile, status: .finished, brokenReason: nil, problems: [],
        eventLog: nil, lastModified: 0))
    #expect(summary.workingDirectory == "/srv/ledger/" && summary.project == "ledger")
    var out = ByteWriter()
    SummaryCacheFile.encodeSummary(summary, into: &out)
    var input = ByteReader(out.bytes, from: 0)
    #expect(SummaryCacheFile.decodeSummary(&input)?.workingDirectory == "/srv/ledger/")
    // caw itself records no cwd: no project.
    t.metadata["cwd"] = nil
    let plain = SessionSummary(
      LoadedSession(
        id: "s", path: "", trajectory: t, source: .trajectoryFile, status: .finished, brokenReason: nil, problems: [],
        eventLog: nil, lastModified: 0))
    #expect(plain.project.isEmpty)
  }
}
