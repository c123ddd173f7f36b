@testable import CawCore
import Foundation
import Testing

/// The fast readers (skimmed content, the summary cache) give exactly what the full reader gives.
@Suite struct FastPathTests {
  private static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("caw-fast-\(UUID().uuidString)").path
  }

  @Test func demoTreeReadsTheSameSkimmed() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try DemoTree.write(to: root, now: 1_795_000_000)
    try FastPathCheck.expectSameAsFullRead(SessionReader(DataDirectory(root)))
  }

  @Test func syntheticTreeReadsTheSameSkimmed() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let ids = try SyntheticTree(sessionCount: 40, largeSessionMegabytes: 2).write(to: root)
    let reader = SessionReader(DataDirectory(root))
    try FastPathCheck.expectSameAsFullRead(reader)

    let summaries = try reader.listSessions()
    #expect(summaries.count == 40 && Set(summaries.map(\.id)) == Set(ids))
    #expect(Set(summaries.map(\.agent)) == ["claude_code", "codex", "opencode"])
    #expect(Set(summaries.map(\.status)).isSuperset(of: [.finished, .unfinished]))
    let large = try #require(summaries.first { $0.id == SyntheticTree.largeSessionID })
    let size = try #require(FileSystem.status(large.path + "/trajectory.json")).st_size
    #expect((2_000_000...3_200_000).contains(Int(size)))
    let loaded = try reader.load(large.id)
    let subagents = try #require(loaded.trajectory).subagentTrajectories
    #expect(!subagents.isEmpty && subagents.contains { !$0.subagentTrajectories.isEmpty })
  }

  @Test func skimmedLoadKeepsEverythingButContent() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try SyntheticTree(sessionCount: 3, largeSessionMegabytes: 1).write(to: root)
    let reader = SessionReader(DataDirectory(root))
    let full = try #require(try reader.load(SyntheticTree.largeSessionID).trajectory)
    let skimmed = try #require(try reader.load(SyntheticTree.largeSessionID, skimmingContent: true).trajectory)
    #expect(skimmed.turns.count == full.turns.count)
    #expect(skimmed.totalUsage == full.totalUsage && skimmed.metadata == full.metadata)
    #expect(ToolTally(skimmed).counts.map(\.name) == ToolTally(full).counts.map(\.name))
    for (a, b) in zip(skimmed.turns, full.turns) {
      #expect(a.input == b.input && a.usage == b.usage && a.durationMS == b.durationMS)
      #expect(a.toolCalls.map(\.isError) == b.toolCalls.map(\.isError))
      #expect(a.toolCalls.map(\.arguments) == b.toolCalls.map(\.arguments))
      #expect(a.toolCalls.allSatisfy { $0.output.isEmpty } && b.toolCalls.contains { !$0.output.isEmpty })
    }
  }

  /// Cut and damaged copies of a real trajectory fail, or note invalid UTF-8, the same way skimmed or not.
  @Test func skimmingFindsTheSameErrors() throws {
    var trajectory = Trajectory(agent: "claude_code", model: "m", sessionID: "s")
    trajectory.turns = [
      Turn(input: "hi", output: [
        .text("a \"quoted\" text é"), .toolUse(ToolUse(id: "1", name: "Bash", output: "line\tone\nline two \u{1F600}")),
      ])
    ]
    let good = trajectory.trajectoryFileBytes()
    let outputStart = try #require(String(decoding: good, as: UTF8.self).range(of: "line\\tone")).lowerBound.utf16Offset(in: String(decoding: good, as: UTF8.self))
    var variants: [[UInt8]] = (0..<good.count).map { Array(good[..<$0]) }
    let inputStart = try #require(String(decoding: good, as: UTF8.self).range(of: "\"hi\"")).lowerBound.utf16Offset(in: String(decoding: good, as: UTF8.self))
    for damage: [UInt8] in [[0xFF], [0xC3], [0x5C, 0x78], [0x5C, 0x75, 0x31], [0x5C, 0x75, 0x44, 0x38, 0x30, 0x30, 0x5C, 0x75, 0x31], [0x22]] {
      for offset in [outputStart + 3, inputStart + 2] {
        var bytes = good
        bytes.insert(contentsOf: damage, at: offset)
        variants.append(bytes)
      }
    }
    let file = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: file) }
    for bytes in variants {
      let full = Result { () throws(JSONParseError) in try JSONParser.parseReportingUTF8(bytes).sawInvalidUTF8 }
      let skimmed = Result { () throws(JSONParseError) in
        try JSONParser.parseReportingUTF8(bytes, skimmingContent: true)
      }
      #expect(full == skimmed.map(\.sawInvalidUTF8), "\(bytes.count) bytes")
      // The chunked copy, when it is taken, parses to the same skimmed value.
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      if case .compact(let compact, _, _) = try ContentSkimmer.skim(file: file),
        let fromCopy = try? JSONParser.parseReportingUTF8(compact, skimmingContent: true)
      {
        #expect(fromCopy.value == (try? skimmed.get())?.value && fromCopy.sawInvalidUTF8 == (try? skimmed.get())?.sawInvalidUTF8, "\(bytes.count) bytes")
      }
    }
    try Data(good).write(to: URL(fileURLWithPath: file))
    guard case .compact(let compact, _, _) = try ContentSkimmer.skim(file: file) else {
      Issue.record("a good file was not skimmed")
      return
    }
    #expect(compact.count < good.count && !String(decoding: compact, as: UTF8.self).contains("line"))
    #expect(
      try JSONParser.parseReportingUTF8(compact, skimmingContent: true).value
        == (try JSONParser.parseReportingUTF8(good, skimmingContent: true).value))
  }

  @Test func cacheFollowsChangedFilesAndIgnoresDamage() throws {
    let root = Self.temporaryDirectory()
    let cacheDirectory = Self.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: cacheDirectory)
    }
    try DemoTree.write(to: root, now: 1_795_000_000)
    let reader = SessionReader(DataDirectory(root))
    let cache = SummaryCache(directory: cacheDirectory)
    _ = try reader.listSessions(cache: cache)
    let file = try #require(cache.file(for: reader.dataDirectory))
    #expect(FileSystem.status(file) != nil)

    // A turn appended to an unfinished session shows at once.
    let unfinished = try #require(try reader.listSessions().first { $0.status == .unfinished })
    var store = try SessionStore(dataDirectory: root, sessionID: unfinished.id, resume: true)
    var trajectory = try #require(try reader.load(unfinished.id).trajectory)
    let turn = Turn(input: "one more", usage: UsageStats(inputTokens: 7, costUSD: .double(0.5)))
    trajectory.turns.append(turn)
    try store.appendTurn(turn, trajectory: trajectory, rawOutput: "")
    let after = try #require(try reader.listSessions(cache: cache).first { $0.id == unfinished.id })
    #expect(after.turnCount == unfinished.turnCount + 1 && after == reader.summarise(unfinished.id))

    // A removed session leaves the list; a damaged cache file is rebuilt.
    try FileManager.default.removeItem(atPath: after.path)
    try Data("caw-tui summaries 1\ngarbage".utf8).write(to: URL(fileURLWithPath: file))
    let listed = try reader.listSessions(cache: cache)
    #expect(listed == (try reader.listSessions()) && !listed.contains { $0.id == unfinished.id })
    #expect(SummaryCacheFile.decode(try FileSystem.read(file), directory: try #require(FileSystem.realPath(root)))?.count == listed.count)
  }

  @Test func cacheIsNeverWrittenInsideTheDataDirectory() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try DemoTree.write(to: root, now: 1_795_000_000)
    let reader = SessionReader(DataDirectory(root))
    let cache = SummaryCache(directory: root + "/cache")
    #expect(try reader.listSessions(cache: cache) == (try reader.listSessions()))
    #expect(FileSystem.status(root + "/cache") == nil)
    #expect(SummaryCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/caw-tui")
    #expect(SummaryCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/caw-tui")
    #expect(SummaryCache.defaultDirectory(environment: [:]) == nil)
  }
}
