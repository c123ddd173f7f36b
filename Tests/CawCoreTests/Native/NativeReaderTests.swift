import Foundation
import Glibc
import OrderedCollections
import Testing
import TestSupport

@testable import CawCore

/// The agents' own records read into caw's model, one CLI version family at a time, with the values a
/// user sees: turns, blocks, tool outputs, subagents, usage counted once, cost from the price table,
/// and what does not fit counted rather than dropped.
@Suite("native session readers")
struct NativeReaderTests {
  let fixtures = NativeFixtures()
  let pricing = PricingTable.builtIn

  init() {
    fixtures.writeAll()
  }

  private func catalog(_ origins: Set<SessionOrigin>) -> SessionCatalog {
    SessionCatalog(dataDirectory: nil, stores: fixtures.stores, origins: origins, pricing: pricing)
  }

  private func load(_ id: String, _ origins: Set<SessionOrigin> = Set(SessionOrigin.native)) throws -> (LoadedSession, Trajectory) {
    let loaded = try catalog(origins).load(id)
    return (loaded, try #require(loaded.trajectory, "\(loaded.brokenReason ?? "")"))
  }

  @Test("Claude 1.0: prompts, blocks split over records, an inline Task sidechain as a subagent, usage once per message")
  func claudeV1() throws {
    let (loaded, t) = try load(NativeFixtures.claudeV1)
    #expect(loaded.origin == .claude && loaded.source == .claudeTranscript)
    #expect(t.agent == "claude_code" && t.sessionID == NativeFixtures.claudeV1 && t.model == "claude-opus-4-20250514")
    #expect(t.turns.count == 1)
    #expect(t.turns[0].input == "Find where the retry delay is set")
    let task = try #require(t.turns[0].toolCalls.first)
    #expect(task.name == "Task" && task.output == "It is in src/net.py line 3.")
    let sub = try #require(task.subagentTrajectory)
    #expect(sub.turns.first?.input == "Find the retry delay constant")
    #expect(sub.turns.first?.toolCalls.first?.output == "src/net.py:3:RETRY_DELAY = 2")
    #expect(sub.model == "claude-sonnet-4-20250514")
    // msg_v1_a is written twice (one record per block): its usage counts once, at its last record.
    #expect(t.usage.inputTokens == 10 + 50 && t.usage.outputTokens == 40 + 11)
    #expect(t.usage.cacheWriteTokens == 1000 && t.usage.cacheReadTokens == 1000)
    // Priced per message with its own model (opus 4: $15 in, $75 out, $1.5 cache read, $18.75 write).
    let own: Double = (60.0 * 15 + 51.0 * 75 + 1000.0 * 1.5 + 1000.0 * 18.75) / 1e6
    #expect(abs(t.usage.cost - own) < 1e-9)
    let subCost: Double = (50.0 * 3.0 + 21.0 * 15.0 + 1100.0 * 0.3) / 1e6
    #expect(abs(t.totalUsage.cost - own - subCost) < 1e-9)
    #expect(t.completedAt == "2025-07-20T10:00:10+00:00" && loaded.status == .finished)
    #expect(t.metadata["cwd"] == "/work/app")
    #expect(t.turns[0].durationMS == 10_000)
    #expect(loaded.problems.isEmpty, "\(loaded.problems)")
  }

  @Test("Claude 2.0: summaries and file snapshots skipped, thinking, an Edit with its diff arguments, a failed tool, an interrupted turn")
  func claudeV20() throws {
    let (loaded, t) = try load(NativeFixtures.claudeV20)
    #expect(t.turns.map(\.input) == ["The date parser crashes on timestamps with Z", "Make the test expect aware datetimes"])
    let blocks = t.turns[0].output
    #expect(blocks.count == 4)
    #expect(blocks[0] == .thinking("Python before 3.11 rejects Z in fromisoformat."))
    let edit = try #require(blocks[1].toolUse)
    #expect(edit.name == "Edit" && edit.arguments["old_string"] == "datetime.fromisoformat(s)")
    #expect(edit.output == "The file /work/app/utils/dates.py has been updated." && !edit.isError)
    let bash = try #require(blocks[2].toolUse)
    #expect(bash.isError && bash.output == "1 failed, 4 passed")
    #expect(blocks[3] == .text("One test still fails: it expects naive datetimes."))
    #expect(t.metadata["cancelled_turns"] == .array([.number(.int(1))]))
    #expect(t.recursiveToolErrorCount == 1)
    #expect(loaded.nativeRecord?.title == "Fix the date parser")
    #expect(t.metadata["native"]?["git_branch"] == "main")
    #expect(t.usage.inputTokens == 8 + 6 + 5 && t.usage.outputTokens == 120 + 60 + 25)
  }

  @Test("Claude 2.1: the Agent subagent from subagents/, titles, hooks, turn_duration, an unknown record type counted, a torn line reported")
  func claudeV21() throws {
    let (loaded, t) = try load(NativeFixtures.claudeV21)
    #expect(t.turns.count == 2)
    let agent = try #require(t.turns[0].toolCalls.first)
    #expect(agent.name == "Agent")
    #expect(agent.output.hasPrefix("tests/test_net.py::test_retry is flaky"))
    let sub = try #require(agent.subagentTrajectory)
    #expect(sub.model == "claude-haiku-4-5-20251001")
    #expect(sub.turns.first?.toolCalls.first?.output == "5 passed\n1 failed, 4 passed\n5 passed")
    #expect(t.turns[0].durationMS == 76_000)
    #expect(loaded.nativeRecord?.title == "flaky retry")
    #expect(loaded.nativeRecord?.extraFiles.count == 1)
    #expect(t.metadata["native"]?["hook_runs"]?.numberValue?.intValue == 3)
    #expect(loaded.nativeRecord?.unknownRecordTypes == ["hologram-state": 1])
    #expect(loaded.problems.contains { $0.message.contains("unknown type 'hologram-state'") })
    #expect(loaded.problems.contains { $0.location.hasSuffix("line 15") && $0.message.hasPrefix("not JSON") })
    // The write's result was torn off: the call waits for it, so the turn is still in progress.
    #expect(loaded.hasTurnInProgress && loaded.status == .unfinished && t.completedAt.isEmpty)
    #expect(t.turns[1].toolCalls.first?.name == "Write" && t.turns[1].toolCalls.first?.output == "")
    // Subagent tokens count in the total, once.
    #expect(t.totalUsage.inputTokens == t.usage.inputTokens + 250)
  }

  @Test("Codex 0.40: context messages are not turns, shell outputs and exit codes from JSON strings, apply_patch as a patch, token totals as deltas")
  func codexOld() throws {
    let (loaded, t) = try load(NativeFixtures.codexOld)
    #expect(loaded.origin == .codex && loaded.source == .codexRollout)
    #expect(t.agent == "codex" && t.model == "gpt-5-codex" && t.reasoning == "high")
    #expect(t.metadata["thread_id"] == .string(NativeFixtures.codexOld))
    #expect(t.turns.map(\.input) == ["Add a created_at column", "Fix the test"])
    let calls = t.turns[0].toolCalls
    #expect(calls.map(\.name) == ["shell", "apply_patch", "shell"])
    #expect(calls[0].output == "CREATE TABLE orders (id INTEGER);\n" && !calls[0].isError)
    #expect(calls[1].arguments["input"]?.stringValue?.hasPrefix("*** Begin Patch") == true)
    #expect(calls[2].isError && calls[2].output == "1 failed\n")
    #expect(t.turns[0].output.first == .thinking("**Looking at the schema**"))
    // The repeated token_count adds nothing; input excludes the cached part.
    #expect(t.turns[0].usage.inputTokens == 8000 - 6000 && t.turns[0].usage.cacheReadTokens == 6000)
    #expect(t.turns[1].usage.inputTokens == 500 && t.turns[1].usage.outputTokens == 20)
    let expected: Double = (2000.0 * 1.25 + 6000.0 * 0.125 + 500.0 * 10.0) / 1e6
    #expect(abs(t.turns[0].usage.cost - expected) < 1e-9)
    #expect(loaded.status == .finished && loaded.problems.isEmpty, "\(loaded.problems)")
  }

  @Test("Codex 0.14x: the whole command output from exec_command_end, the custom apply_patch call, task durations, an aborted turn, an unknown type")
  func codexNew() throws {
    let (loaded, t) = try load(NativeFixtures.codexNew)
    #expect(t.turns.map(\.input) == ["Run the tests and fix the failure", "Also add a test for free shipping"])
    let calls = t.turns[0].toolCalls
    #expect(calls.map(\.name) == ["exec_command", "apply_patch"])
    #expect(calls[0].output.contains("FAILED tests/test_cart.py::test_total") && calls[0].isError)
    #expect(calls[1].arguments["input"]?.stringValue?.contains("+    return sum(prices) + shipping") == true)
    #expect(t.turns[0].durationMS == 10_000)
    #expect(t.metadata["cancelled_turns"] == .array([.number(.int(1))]))
    #expect(loaded.nativeRecord?.unknownRecordTypes == ["quantum_checkpoint": 1])
    #expect(t.metadata["native"]?["originator"] == "codex_exec")
    #expect(t.turns[0].usage.cacheReadTokens == 3584)
  }

  @Test("opencode storage files: a turn per user message, synthetic parts left out, the task's child session as a subagent, errors and usage")
  func opencodeFiles() throws {
    let (loaded, t) = try load(NativeFixtures.opencodeFiles)
    #expect(loaded.origin == .opencode && loaded.source == .opencodeStorage)
    try checkOpencode(loaded, t)
  }

  @Test("opencode.db gives the same session as the storage files, and reading it leaves no -wal or -shm file")
  func opencodeDatabase() throws {
    let data = fixtures.home + "/.local/share/opencode"
    try OpencodeDatabaseFixture.write(
      into: data,
      sessions: [
        (NativeFixtures.opencodeFiles, nil, "Document cart.ts", 1_767_036_059_000, 1_767_036_075_000),
        (NativeFixtures.opencodeChild, NativeFixtures.opencodeFiles, "Read cart.ts", 1_767_036_062_000, 1_767_036_066_000),
      ])
    let before = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
    #expect(!before.contains("opencode.db-wal"))
    let dbStat = try #require(FileSystem.status(data + "/opencode.db"))
    let listed = catalog([.opencode]).listNative(.opencode, cacheDirectory: nil)
    #expect(listed.map(\.id) == [NativeFixtures.opencodeFiles])  // the child is read with its parent, once
    #expect(listed.first?.source == .opencodeDatabase)
    let (loaded, t) = try load(NativeFixtures.opencodeFiles, [.opencode])
    #expect(loaded.source == .opencodeDatabase)
    try checkOpencode(loaded, t)
    let fromFiles = OpencodeStore(dataDirectory: data).load(
      OpencodeStore.Ref(id: NativeFixtures.opencodeFiles, key: "", stamps: [], sessionFile: data + "/storage/session/p1/ses_files0001.json"),
      pricing: pricing, skimmingContent: false)
    // The same conversation; only where each was read from (and opencode's version) differs.
    let turnsFromFiles = try #require(fromFiles.trajectory).turns
    #expect(turnsFromFiles.map(\.input) == t.turns.map(\.input) && turnsFromFiles.map(\.usage) == t.turns.map(\.usage))
    #expect(turnsFromFiles[0].output.count == t.turns[0].output.count)
    for (a, b) in zip(turnsFromFiles[0].output, t.turns[0].output) {
      #expect(a.toolUse?.output == b.toolUse?.output && a.toolUse?.subagentTrajectory?.turns == b.toolUse?.subagentTrajectory?.turns)
      if a.toolUse == nil { #expect(a == b) }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: data).sorted() == before)
    let after = try #require(FileSystem.status(data + "/opencode.db"))
    #expect(after.st_mtim.tv_sec == dbStat.st_mtim.tv_sec && after.st_mtim.tv_nsec == dbStat.st_mtim.tv_nsec)
  }

  private func checkOpencode(_ loaded: LoadedSession, _ t: Trajectory) throws {
    #expect(t.agent == "opencode" && t.model == "openai/gpt-5.3-codex")
    #expect(t.metadata["opencode_session_id"] == .string(NativeFixtures.opencodeFiles))
    #expect(t.turns.count == 1 && t.turns[0].input == "Document the public functions in lib/cart.ts")
    let output = t.turns[0].output
    #expect(output.first == .thinking("[encrypted reasoning]"))
    let calls = t.turns[0].toolCalls
    #expect(calls.map(\.name) == ["task", "edit", "bash"])
    let child = try #require(calls[0].subagentTrajectory)
    #expect(child.turns.first?.toolCalls.first?.output == "export function total(\nexport function addItem(")
    #expect(calls[1].arguments["newString"]?.stringValue?.hasPrefix("/** Sum of the cart. */") == true)
    #expect(calls[2].isError && calls[2].output == "Command failed: tsc not found")
    #expect(output.last == .text("Documented total and addItem."))
    #expect(t.turns[0].usage.inputTokens == 2500 && t.turns[0].usage.outputTokens == 70)
    // msg_002 had cost 0 (priced: gpt-5.3-codex under opencode), msg_003 its own 0.0125.
    let priced: Double = (1200.0 * 1.75 + 3000.0 * 0.175 + 50.0 * 14.0) / 1e6
    #expect(abs(t.turns[0].usage.cost - (priced + 0.0125)) < 1e-9)
    #expect(loaded.nativeRecord?.title == "Document cart.ts")
    #expect(loaded.nativeRecord?.unknownRecordTypes == ["part hologram": 1])
    #expect(loaded.status == .finished)
  }
}
