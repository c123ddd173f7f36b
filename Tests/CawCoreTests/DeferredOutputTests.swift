import CawCore
import Foundation
import TestSupport
import Testing

/// A view's read of a large session leaves long tool outputs in `trajectory.json` and reads them back by
/// byte range when they are shown; traj.jsonl's text is not held when trajectory.json is whole.
@Suite struct DeferredOutputTests {
  /// A tree holding one large generated session of `shape` and `seed`, and the session's id.
  private static func largeSession(_ shape: SyntheticShape, seed: UInt64) throws -> (TempTree, SessionReader, String) {
    let tree = TempTree("caw-deferred")
    var synthetic = SyntheticTree(sessionCount: 1, largeSessionMegabytes: 5, seed: seed)
    synthetic.shape = shape
    synthetic.largeSessionIndex = 0
    let ids = try synthetic.write(to: tree.path + "/caw_data")
    return (tree, SessionReader(DataDirectory(tree.path + "/caw_data")), ids[0])
  }

  /// Keeps 4 MiB of any one string, so a 5 MB file goes through the marked read; outputs from 4 KiB are
  /// left in the file with their first 512 bytes.
  private static let budget = TextBudget(perString: 4 << 20, total: .max, deferredFrom: 4096, deferredHead: 512)

  private static func lineCount(_ text: String) -> Int {
    guard let last = text.utf8.last else { return 0 }
    let breaks = text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    return last == 10 ? breaks : breaks + 1
  }

  @Test(
    "deferred outputs read back whole equal a full read, their head, size and lines too, on two shapes and seeds",
    arguments: [SyntheticShape.standard, .dense], [UInt64(6), 7])
  func deferredOutputsReadBackWhole(shape: SyntheticShape, seed: UInt64) throws {
    let (tree, reader, id) = try Self.largeSession(shape, seed: seed)
    defer { withExtendedLifetime(tree) {} }
    let full = try #require(reader.loadDirectory(named: id).trajectory)
    let view = reader.loadDirectory(named: id, budget: Self.budget)
    let shown = try #require(view.trajectory)
    #expect(view.problems == reader.loadDirectory(named: id).problems)

    var fullOutputs: [String] = []
    _ = try full.mappingContent({ $0 }, toolOutput: { fullOutputs.append($0.output) })
    var deferred = 0
    var index = 0
    // Each deferred output read back from the file gives the whole read's trajectory exactly.
    let restored = try shown.mappingContent(
      { $0 },
      toolOutput: { (call) throws(CawError) in
        let whole = fullOutputs[index]
        index += 1
        guard let output = call.deferredOutput else { return }
        deferred += 1
        #expect(whole.utf8.count >= 4096 / 6, "only long outputs are left in the file")
        #expect(output.byteCount == whole.utf8.count)
        #expect(output.lineCount == Self.lineCount(whole))
        #expect(whole.utf8.starts(with: call.output.utf8.prefix(500)), "the head kept is the output's start")
        #expect(call.output.utf8.count < 512 + 200, "only the head and a note are held")
        call.output = try output.read()
        call.deferredOutput = nil
      })
    #expect(index == fullOutputs.count)
    #expect(deferred > 10, "the large session has long outputs")
    #expect(restored == full)
  }

  @Test("a deferred output is not read at its old place once the file was rewritten")
  func rewrittenFileIsNotRead() throws {
    let (tree, reader, id) = try Self.largeSession(.standard, seed: 6)
    defer { withExtendedLifetime(tree) {} }
    let shown = try #require(reader.loadDirectory(named: id, budget: Self.budget).trajectory)
    var found: DeferredText?
    _ = try shown.mappingContent({ $0 }, toolOutput: { if found == nil { found = $0.deferredOutput } })
    let output = try #require(found)
    #expect((try? output.read()) != nil)
    // caw rewrites trajectory.json in place: the same bytes written again are still a new file state.
    let path = tree.path + "/caw_data/sessions/\(id)/trajectory.json"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try (Data(" ".utf8) + bytes).write(to: URL(fileURLWithPath: path))
    #expect {
      try output.read()
    } throws: { error in
      "\(error)".contains("changed since the session was read")
    }
  }

  @Test("traj.jsonl's text is not held when trajectory.json is whole, and read whole when it is torn")
  func eventLogTextOnlyWhenNeeded() throws {
    let (tree, reader, id) = try Self.largeSession(.dense, seed: 7)
    defer { withExtendedLifetime(tree) {} }
    let whole = reader.loadDirectory(named: id, budget: .display)
    #expect(whole.source == .trajectoryFile)
    // The replay keeps no trajectory (the session's is trajectory.json's), only problems and counts.
    let replay = try #require(whole.eventLog)
    #expect(replay.trajectory == nil)
    #expect(replay.parentTurnEnds == whole.trajectory?.turns.count)
    #expect(replay.lineCount > 1000)

    let path = tree.path + "/caw_data/sessions/\(id)/trajectory.json"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
    let torn = reader.loadDirectory(named: id, budget: .display)
    let fromLog = try #require(torn.trajectory)
    #expect(torn.source == .eventLog)
    #expect(fromLog == reader.loadDirectory(named: id).trajectory, "the log's text is read when it is the source")
    var text = 0
    _ = try fromLog.mappingContent {
      text += $0.utf8.count; return $0
    }
    #expect(text > 1 << 20)
  }

  @Test("an output left in the file is searched in pieces, case-insensitively, also across a piece's end")
  func searchAcrossPieces() throws {
    let tree = TempTree("caw-deferred")
    let id = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
    // The needle starts 6 bytes before the first 64 KiB piece ends; the rest is filler.
    let before = String(repeating: "x", count: (1 << 16) - 6)
    let output = before + "ÄBC-Straddle" + String(repeating: "y\n", count: 600_000)
    let trajectory = Trajectory(
      agent: "claude_code", sessionID: id,
      turns: [Turn(input: "go", output: [.toolUse(ToolUse(id: "c", name: "Bash", output: output))])])
    tree.write("caw_data/sessions/\(id)/trajectory.json", bytes: trajectory.trajectoryFileBytes())
    let reader = SessionReader(DataDirectory(tree.path + "/caw_data"))
    let budget = TextBudget(perString: 1 << 20, total: .max, deferredFrom: 4096, deferredHead: 512)
    let call = try #require(reader.loadDirectory(named: id, budget: budget).trajectory?.turns.first?.toolCalls.first)
    let deferred = try #require(call.deferredOutput)
    #expect(deferred.byteCount == output.utf8.count)
    #expect(deferred.lineCount == 600_000, "a last newline ends the last line")
    #expect(try deferred.holds(lowercased: "äbc-straddle"))
    #expect(try deferred.holds(lowercased: "xäbc-straddley"))
    #expect(try !deferred.holds(lowercased: "äbc-straddlez"))
    #expect(try !deferred.holds(lowercased: "needle"))
  }
}
