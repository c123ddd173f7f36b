import Foundation
import Synchronization
import Testing
import TestSupport

@testable import CawCore

/// Following the agents' own stores while they are written: which session each written file belongs to,
/// and the watcher reporting writes, new day and subagent directories, and removals.
@Suite("native sessions: following the stores")
struct NativeWatcherTests {
  let fixtures = NativeFixtures("native-watch")

  init() {
    fixtures.writeAll()
  }

  private var catalog: SessionCatalog {
    SessionCatalog(dataDirectory: nil, stores: fixtures.stores, origins: [.claude, .codex, .opencode], pricing: .builtIn)
  }

  @Test("each file written belongs to its session: a transcript, a subagent's file, a rollout; opencode's store as a whole")
  func changedFilesToSessions() {
    let subagent = fixtures.claudeDirectory + "/\(NativeFixtures.claudeV21)/subagents/agent-a1b2c3.jsonl"
    let changes = catalog.changes(in: [
      fixtures.claudeDirectory + "/\(NativeFixtures.claudeV20).jsonl", subagent, fixtures.codexNewPath,
      fixtures.home + "/.local/share/opencode/storage/message/ses_files0001/msg_009.json",
      fixtures.home + "/.codex/config.toml", fixtures.claudeDirectory + "/notes.txt",
    ])
    #expect(
      changes.locations == [
        .native(.claude, key: fixtures.claudeDirectory + "/\(NativeFixtures.claudeV20).jsonl", id: NativeFixtures.claudeV20),
        .native(.claude, key: fixtures.claudeDirectory + "/\(NativeFixtures.claudeV21).jsonl", id: NativeFixtures.claudeV21),
        .native(.codex, key: fixtures.codexNewPath, id: NativeFixtures.codexNew),
      ])
    #expect(changes.opencode)
    // Stores not listed are not followed.
    let codexOnly = SessionCatalog(dataDirectory: nil, stores: fixtures.stores, origins: [.codex], pricing: .builtIn)
    #expect(codexOnly.changes(in: [subagent, fixtures.codexNewPath]).locations.map(\.id) == [NativeFixtures.codexNew])
  }

  @Test("writes, a new day's rollout, a new subagent directory and a removal are reported, with inotify and with polling", arguments: [false, true])
  func watcherReportsWrites(forcePolling: Bool) async throws {
    let watcher = NativeWatcher(
      fixtures.stores, origins: [.claude, .codex, .opencode], pollInterval: .milliseconds(50), forcePolling: forcePolling)
    defer { watcher.stop() }
    #expect(watcher.mode == (forcePolling ? .polling(interval: .milliseconds(50)) : .inotify))
    let seen = SeenFiles()
    let reader = Task { for await change in watcher.changes { seen.withLock { $0.formUnion(change.nativeFiles) } } }
    defer { reader.cancel() }
    func observed() -> String { seen.withLock { $0.sorted().joined(separator: "\n") } }

    // A transcript appended to, until the watcher reports it (a poller takes its first look on its own thread).
    let transcript = fixtures.claudeDirectory + "/\(NativeFixtures.claudeV20).jsonl"
    let handle = try #require(FileHandle(forWritingAtPath: transcript))
    defer { try? handle.close() }
    try await awaitUntil("the transcript's write", interval: 0.05, observe: observed) {
      try handle.seekToEnd()
      try handle.write(contentsOf: Data("\n".utf8))
      return seen.withLock { $0.contains(transcript) }
    }
    // A rollout in a day directory that did not exist.
    let rollout = fixtures.home + "/.codex/sessions/2026/12/03/rollout-2026-12-03T09-00-00-019fc8be-3658-7ca3-9e29-000000000009.jsonl"
    fixtures.write(rollout, lines: [NativeFixtures.codexNewLines[0]])
    try await awaitUntil("the new rollout", observe: observed) { seen.withLock { $0.contains(rollout) } }
    // A subagent's file in a new subagents directory.
    let agent = fixtures.claudeDirectory + "/\(NativeFixtures.claudeV1)/subagents/agent-f00.jsonl"
    fixtures.write(agent, lines: [NativeFixtures.claudeV21AgentLines[0]])
    try await awaitUntil("the subagent's file", observe: observed) { seen.withLock { $0.contains(agent) } }
    // A removed rollout.
    try FileManager.default.removeItem(atPath: fixtures.codexOldPath)
    try await awaitUntil("the removed rollout", observe: observed) { seen.withLock { $0.contains(fixtures.codexOldPath) } }
    // The files named are the sessions changed.
    let sessions = catalog.changes(in: seen.withLock { $0 }).locations.map(\.id)
    #expect(Set(sessions).isSuperset(of: [NativeFixtures.claudeV20, NativeFixtures.claudeV1, NativeFixtures.codexOld, "019fc8be-3658-7ca3-9e29-000000000009"]))
  }
}

/// The files a watcher reported, gathered from its stream's task.
private final class SeenFiles: Sendable {
  private let files = Mutex<Set<String>>([])
  func withLock<T>(_ body: (inout Set<String>) -> T) -> T { files.withLock { body(&$0) } }
}
