import CawCore
@testable import CawUI
import OrderedCollections
import Testing

@Suite("Rows and documents, without a grid")
struct PresentationTests {
  private func summary(
    agent: String = "codex", cost: Double = 0.5, turns: Int = 1, created: String, status: SessionStatus = .finished
  ) -> SessionSummary {
    var t = Trajectory(
      agent: agent, model: "m", sessionID: "s", createdAt: created, completedAt: status == .unfinished ? "" : created)
    t.turns = Array(repeating: Turn(input: "hi"), count: turns)
    t.usage = UsageStats(costUSD: .double(cost))
    return SessionSummary(
      LoadedSession(
        id: "id-\(agent)-\(cost)", path: "/x", trajectory: t, source: .trajectoryFile, status: status,
        brokenReason: nil,
        problems: [], eventLog: nil, lastModified: 0))
  }

  @Test func relativeTimes() {
    let now = Timestamp.parse("2026-11-22T06:00:00+00:00")!
    #expect(RelativeTime.describe("2026-11-22T05:59:30+00:00", now: now) == "just now")
    #expect(RelativeTime.describe("2026-11-22T05:48:00+00:00", now: now) == "12m ago")
    #expect(RelativeTime.describe("2026-11-22T01:00:00+00:00", now: now) == "5h ago")
    #expect(RelativeTime.describe("2026-11-19T06:00:00+00:00", now: now) == "3d ago")
    #expect(RelativeTime.describe("2026-01-02T06:00:00+00:00", now: now) == "2026-01-02")
    #expect(RelativeTime.describe("", now: now) == "?")
  }

  @Test func sessionRowNeutralisesHostileText() {
    var s = summary(created: "2026-11-22T05:00:00+00:00")
    s.firstUserMessage = "look\u{1B}]52;c;aGk=\u{7} here"
    s.model = "m\u{202E}x"
    let row = SessionRow(s, now: Timestamp.parse("2026-11-22T06:00:00+00:00")!)
    #expect(row.firstPrompt == "look␛]52;c;aGk=␇ here")
    #expect(row.model == "m<U+202E>x")
    #expect(row.started == "1h ago")
  }

  @Test func sortsAndFilters() {
    let a = summary(agent: "codex", cost: 0.1, turns: 5, created: "2026-11-22T05:00:00+00:00")
    let b = summary(agent: "claude_code", cost: 0.9, turns: 1, created: "2026-11-22T04:00:00+00:00")
    let c = summary(agent: "opencode", cost: 0.5, turns: 3, created: "2026-11-22T03:00:00+00:00", status: .unfinished)
    var query = SessionQuery()
    #expect(query.apply([c, b, a], now: 0).map(\.agent) == ["codex", "claude_code", "opencode"])
    query.sort = .cost
    #expect(query.apply([c, b, a], now: 0).map(\.agent) == ["claude_code", "opencode", "codex"])
    query.sort = .turns
    #expect(query.apply([c, b, a], now: 0).map(\.agent) == ["codex", "opencode", "claude_code"])
    query.status = .unfinished
    #expect(query.apply([c, b, a], now: 0).map(\.agent) == ["opencode"])
    query.status = nil
    query.text = "CLAUDE"
    #expect(query.apply([c, b, a], now: 0).map(\.agent) == ["claude_code"])
    #expect(query.nextProvider(among: [a, b, c]) == "claude_code")
  }

  @Test("every word of the filter must be in a row, in any order; a quoted phrase must be whole")
  func filterWordsInAnyOrder() {
    var first = summary(agent: "claude_code", created: "2026-11-22T05:00:00+00:00")
    first.firstUserMessage = "Add a created_at column to the orders table"
    var second = summary(agent: "codex", cost: 0.7, created: "2026-11-22T04:00:00+00:00")
    second.firstUserMessage = "Document the orders table"
    var query = SessionQuery()
    func shown(_ text: String) -> [String] {
      query.text = text
      return query.apply([first, second], now: 0).map(\.agent)
    }
    #expect(shown("orders CLAUDE") == ["claude_code"])
    #expect(shown("table orders") == ["claude_code", "codex"])
    #expect(shown("\"orders table\"") == ["claude_code", "codex"])
    #expect(shown("\"table orders\"") == [])
    #expect(shown("\"document the") == ["codex"])  // the closing quote not typed yet
    #expect(shown("orders nothing") == [])
    #expect(shown("  ") == ["claude_code", "codex"])
    #expect(shown("codex since:2026-11-01") == ["codex"])
  }

  @Test func lineDiffPutsRemovalsBeforeAdditions() {
    #expect(LineDiff.diff("a\nb\nc", "a\nB\nc") == [.same("a"), .removed("b"), .added("B"), .same("c")])
    #expect(LineDiff.diff("", "x") == [.added("x")])
    #expect(LineDiff.diff("x", "") == [.removed("x")])
    #expect(LineDiff.diff("a\nb", "a\nb") == [.same("a"), .same("b")])
    #expect(LineDiff.diff("a\nb\nc\nd", "a\nc\nd\ne") == [.same("a"), .removed("b"), .same("c"), .same("d"), .added("e")])
  }

  @Test("a diff applied to the old text gives the new one, whatever the edit")
  func lineDiffRebuildsBothTexts() {
    var random = SplitMix64(seed: 9)
    for _ in 0..<300 {
      let old = (0..<random.int(0...30)).map { _ in random.pick(["a", "b", "c", "", "d e"]) }
      var new = old
      for _ in 0..<random.int(0...6) {
        let at = random.int(0...new.count)
        switch random.int(0...2) {
        case 0 where !new.isEmpty: new.remove(at: min(at, new.count - 1))
        case 1: new.insert(random.pick(["x", "a", ""]), at: at)
        default: if !new.isEmpty { new[min(at, new.count - 1)] = "y" }
        }
      }
      let lines = LineDiff.diff(old.joined(separator: "\n"), new.joined(separator: "\n"))
      let rebuiltOld = lines.compactMap { line -> String? in
        switch line {
        case .same(let s), .removed(let s): return s
        case .added: return nil
        }
      }
      let rebuiltNew = lines.compactMap { line -> String? in
        switch line {
        case .same(let s), .added(let s): return s
        case .removed: return nil
        }
      }
      #expect(rebuiltOld.joined(separator: "\n") == old.joined(separator: "\n"))
      #expect(rebuiltNew.joined(separator: "\n") == new.joined(separator: "\n"))
    }
  }

  @Test("an edit of 100,000 lines with a change in the middle keeps the rest as unchanged lines")
  func lineDiffOfALargeFile() {
    let old = (0..<100_000).map { "line \($0)" }
    var new = old
    new[50_000] = "changed"
    let lines = LineDiff.diff(old.joined(separator: "\n"), new.joined(separator: "\n"))
    #expect(lines.count == 100_001)
    #expect(lines[50_000] == .removed("line 50000") && lines[50_001] == .added("changed"))
  }

  @Test func editCallsBecomeUnifiedDiffs() throws {
    let edit = ToolUse(
      id: "1", name: "Edit",
      arguments: .object(["file_path": "src/a.py", "old_string": "x = 1", "new_string": "x = 2"]))
    let lines = try #require(EditDiff.lines(for: edit))
    #expect(lines.map(\.text) == ["--- a/src/a.py", "+++ b/src/a.py", "@@ edit @@", "-x = 1", "+x = 2"])
    #expect(lines.map(\.role) == [.diffHeader, .diffHeader, .diffHeader, .diffRemoved, .diffAdded])
    let multi = ToolUse(
      id: "2", name: "MultiEdit",
      arguments: .object([
        "file_path": "/abs/b.py",
        "edits": .array([
          .object(["old_string": "a", "new_string": "b"]), .object(["old_string": "c", "new_string": "d"]),
        ]),
      ]))
    #expect(
      try #require(EditDiff.lines(for: multi)).map(\.text) == [
        "--- /abs/b.py", "+++ /abs/b.py", "@@ edit 1 of 2 @@", "-a", "+b", "@@ edit 2 of 2 @@", "-c", "+d",
      ])
    let write = ToolUse(id: "3", name: "Write", arguments: .object(["file_path": "n.txt", "content": "one\ntwo"]))
    #expect(
      try #require(EditDiff.lines(for: write)).map(\.text) == [
        "--- /dev/null", "+++ b/n.txt", "@@ new file @@", "+one", "+two",
      ])
    let patch = ToolUse(
      id: "4", name: "apply_patch", arguments: .object(["input": "*** Begin Patch\n@@\n-old\n+new\n ctx"]))
    #expect(
      try #require(EditDiff.lines(for: patch)).map(\.role) == [
        .diffHeader, .diffHeader, .diffRemoved, .diffAdded, .normal,
      ])
    let change = ToolUse(
      id: "5", name: "file_change",
      arguments: .object([
        "changes": .array([.object(["path": "m.sql", "kind": "add", "unified_diff": "+create table"])])
      ]))
    #expect(try #require(EditDiff.lines(for: change)).map(\.text) == ["add m.sql", "+create table"])
    #expect(EditDiff.lines(for: ToolUse(id: "6", name: "Bash", arguments: .object(["command": "ls"]))) == nil)
  }

  @Test func toolOutputIsFoldedUntilExpanded() {
    let output = (1...50).map { "line \($0)" }.joined(separator: "\n")
    let call = ToolUse(id: "1", name: "Bash", arguments: .object(["command": "seq 50"]), output: output, isError: true)
    let folded = ToolCallDocument.build(call, expanded: false, width: 60).map(\.text)
    #expect(folded.contains("  line 20"))
    #expect(!folded.contains("  line 21"))
    #expect(folded.contains("  … 30 more lines — w shows all"))
    #expect(folded.contains { $0.hasPrefix("Output (error)") })
    let expanded = ToolCallDocument.build(call, expanded: true, width: 60).map(\.text)
    #expect(expanded.contains("  line 50"))
  }

  @Test func transcriptFoldsThinkingUnlessAsked() {
    let turn = Turn(input: "why?", output: [.thinking("deep\nthoughts"), .text("because")])
    let folded = TranscriptDocument.build(turn, index: 0, inProgress: false, showThinking: false, width: 40).map(\.text)
    #expect(folded.contains("▸ Thinking  2 lines hidden (t shows)"))
    #expect(!folded.contains("  deep"))
    let shown = TranscriptDocument.build(turn, index: 0, inProgress: true, showThinking: true, width: 40).map(\.text)
    #expect(shown.contains("  deep"))
    #expect(shown.last == "● turn in progress…")
  }

  @Test func linesAreCountedWithoutWrappingEverything() {
    #expect(TextWrap.lineCount("") == 0)
    #expect(TextWrap.lineCount("a") == 1)
    #expect(TextWrap.lineCount("a\nb\n") == 2)
    #expect(TextWrap.firstLines("one\ntwo\nthree", 2, width: 40) == ["one", "two"])
    let huge = String(repeating: "x\n", count: 200_000)
    #expect(TextWrap.firstLines(huge, 3, width: 40) == ["x", "x", "x"])
    #expect(TextWrap.lineCount(huge) == 200_000)
  }

  @Test func textWrapsAtDisplayWidth() {
    #expect(TextWrap.lines("aaa bbb ccc", width: 7) == ["aaa bbb", "ccc"])
    #expect(TextWrap.lines("日本語テキスト", width: 6) == ["日本語", "テキス", "ト"])
    #expect(TextWrap.lines("a\tb\u{1B}[1m", width: 40) == ["a    b␛[1m"])
  }

  @Test func costBarsUseEighths() {
    let t = Trajectory(
      agent: "codex",
      turns: [
        Turn(input: "a", usage: UsageStats(costUSD: .double(0.2))),
        Turn(input: "b", usage: UsageStats(costUSD: .double(0.1))),
      ], usage: UsageStats(costUSD: .double(0.3)))
    let rows = CostReport.build(session: t, id: "abcdef123", totals: ListCostTotals([]), filtered: false, width: 58).map(\.text)
    #expect(rows[0] == "Session abcdef12  codex · ")
    #expect(rows[1] == "  total $0.3000  own $0.3000  subagents $0.0000")
    #expect(rows[4].hasSuffix("$0.2000 ████████████████"))
    #expect(rows[5].hasSuffix("$0.1000 ████████"))
  }
}

@Suite("Text search for the list filter")
struct TextSearchTests {
  @Test("finds substrings at the start, middle and end, and nothing that is not there")
  func contains() {
    #expect(TextSearch.contains("fix the date parser", "fix"))
    #expect(TextSearch.contains("fix the date parser", "date p"))
    #expect(TextSearch.contains("fix the date parser", "parser"))
    #expect(!TextSearch.contains("fix the date parser", "parsers"))
    #expect(!TextSearch.contains("ab", "abc"))
    #expect(TextSearch.contains("aaab", "aab"))
    #expect(TextSearch.contains("翻訳して", "訳し"))
    #expect(TextSearch.contains("anything", ""))
  }
}
