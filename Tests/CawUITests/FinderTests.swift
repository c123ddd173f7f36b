@testable import CawCore
import CawUI
import Testing
import TestSupport

/// `S`, the search of every session: the real service builds the index of the demo tree in a temporary
/// cache, the finder lists its hits, and Enter opens each kind of hit where its match is.
@Suite("search every session in the TUI")
struct FinderTests {
  let size = Size(width: 120, height: 32)

  /// The demo app with the finder open on `query` (typed key by key), answered.
  private func finder(_ query: String) throws -> AppHarness {
    var app = try AppHarness.demo(size)
    try app.press(.character("S"))
    try app.type(query)
    #expect(app.state.showingFinder)
    #expect(app.state.finder.answered == query, "answered \(String(describing: app.state.finder.answered))")
    return app
  }

  @Test("typing finds a tool output by a phrase; Enter opens that tool call scrolled to the match")
  func toolOutputByPhrase() throws {
    var app = try finder("\"2 passed\"")
    let hits = app.state.finder.hits
    #expect(hits.count == 1, "\(hits.map(\.snippet))")
    let hit = try #require(hits.first)
    #expect(hit.kind == .toolCall && hit.field == .output && hit.toolName == "Bash")
    #expect(app.text.contains("Find: \"2 passed\"▏"))
    #expect(app.text.contains("1 hit"))
    #expect(app.text.contains("turn 0  tool call Bash output"))
    // The index was built behind the finder: every session of the demo is in it.
    #expect(app.state.indexProgress?.finished == true)
    #expect(app.state.indexProgress?.sessionsInTree == app.state.summaries.count)
    try app.press(.enter)
    #expect(!app.state.showingFinder)
    #expect(app.state.selectedID == hit.sessionID)
    guard case .toolCall(let path, let step)? = app.state.stack.last?.page else {
      Issue.record("not on a tool call page: \(String(describing: app.state.stack.last?.page))")
      return
    }
    #expect(path.sessionID == hit.sessionID && path.steps.isEmpty && step == hit.innermost)
    #expect(app.state.search?.query == hit.matchedText)
    #expect(app.state.search?.matches.isEmpty == false)
    #expect(app.text.contains("2 passed in 0.03s"))
    // n goes on from there, and q backs out through the transcript to the list.
    try app.press(.character("n"))
    #expect(app.state.search?.counter.hasPrefix("match") == true)
    try app.press(.character("q"))
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: hit.sessionID), turn: hit.turn))
  }

  @Test("a hit in hidden thinking opens its turn with thinking shown and the cursor on the match")
  func hiddenThinking() throws {
    var app = try finder("encrypted reasoning")
    let index = try #require(app.state.finder.hits.firstIndex { $0.kind == .thinking })
    let hit = app.state.finder.hits[index]
    for _ in 0..<index { try app.press(.down) }
    #expect(app.state.finder.selected == hit)
    #expect(!app.state.showThinking)
    try app.press(.enter)
    #expect(app.state.page == .transcript(TrajectoryPath(sessionID: hit.sessionID), turn: hit.turn))
    #expect(app.state.showThinking)
    let search = try #require(app.state.search)
    #expect(!search.matches.isEmpty)
    #expect(app.state.stack.last?.scroll.cursor == search.matches[search.current])
  }

  @Test("a hit two subagents deep opens every page down to it, and q backs out one at a time")
  func nestedSubagent() throws {
    var app = try finder("\"injection risk\"")
    let index = try #require(app.state.finder.hits.firstIndex { $0.depth == 2 && $0.kind == .text })
    let hit = app.state.finder.hits[index]
    #expect(app.text.contains("turn 0 › subagent turn 0 › subagent turn 0  text"))
    for _ in 0..<index { try app.press(.down) }
    try app.press(.enter)
    let pages = app.state.stack.map(\.page)
    let root = TrajectoryPath(sessionID: hit.sessionID)
    let first = TrajectoryPath(sessionID: hit.sessionID, steps: [hit.location[0]])
    let second = TrajectoryPath(sessionID: hit.sessionID, steps: [hit.location[0], hit.location[1]])
    #expect(
      pages == [
        .transcript(root, turn: 0), .toolCall(root, hit.location[0]), .subagent(first),
        .transcript(first, turn: 0), .toolCall(first, hit.location[1]), .subagent(second),
        .transcript(second, turn: 0),
      ])
    #expect(app.text.contains("injection risk"))
    #expect(app.state.search?.matches.isEmpty == false)
    for _ in 0..<pages.count { try app.press(.character("q")) }
    #expect(app.state.page == .browser)
  }

  @Test("Esc closes the finder and S shows it again with its query and hits; ^U clears the query")
  func reopens() throws {
    var app = try finder("pytest")
    let hits = app.state.finder.hits
    #expect(!hits.isEmpty)
    try app.press(.down)
    try app.press(.escape)
    #expect(!app.state.showingFinder)
    #expect(!app.text.contains("Search every session"))
    try app.press(.character("S"))
    #expect(app.state.finder.hits == hits)
    #expect(app.state.finder.scroll.cursor == 1)
    try app.press(.ctrl("u"))
    #expect(app.state.finder.text.isEmpty && app.state.finder.hits.isEmpty)
    #expect(app.text.contains("\"an exact phrase\", prefix*, OR, NOT"))
  }

  @Test("a query with nothing to find says so, and a word found nowhere says no hit")
  func nothingFound() throws {
    var app = try finder("zyxwvutsrq")
    #expect(app.state.finder.hits.isEmpty && app.state.finder.error == nil)
    #expect(app.text.contains("no hit"))
    try app.press(.ctrl("u"))
    try app.type("NOT")
    #expect(app.state.finder.error != nil)
    #expect(app.state.finder.hits.isEmpty)
  }

  @Test("filters typed among the words restrict the hits to sessions of that provider, status or project")
  func typedFilters() throws {
    var app = try finder("reasoning provider:opencode")
    #expect(!app.state.finder.hits.isEmpty && app.state.finder.hits.allSatisfy { $0.session.agent == "opencode" })
    try app.press(.ctrl("u"))
    try app.type("reasoning provider:codex")
    #expect(app.state.finder.answered == "reasoning provider:codex" && app.state.finder.hits.isEmpty)
    try app.press(.ctrl("u"))
    try app.type("test project:shop")
    #expect(!app.state.finder.hits.isEmpty && app.state.finder.hits.allSatisfy { $0.session.workingDirectory == "/home/dev/shop" })
    try app.press(.ctrl("u"))
    try app.type("test status:sleeping")
    #expect(app.state.finder.error?.contains("status: expected one of") == true)
    #expect(app.text.contains("status: expected one of"))
  }

  @Test("Enter on a hit whose session a list filter hides clears the filters and opens it")
  func filteredOut() throws {
    var app = try AppHarness.demo(size)
    try app.press(.character("/"))
    try app.type("opencode")
    try app.press(.enter)
    let visible = Set(app.state.visibleSessions.map(\.id))
    try app.press(.character("S"))
    try app.type("\"2 passed\"")
    let hit = try #require(app.state.finder.hits.first)
    #expect(!visible.contains(hit.sessionID))
    try app.press(.enter)
    #expect(app.state.query.text.isEmpty)
    #expect(app.state.visibleSessions.contains { $0.id == hit.sessionID })
    #expect(app.state.selectedID == hit.sessionID)
    guard case .toolCall = app.state.page else {
      Issue.record("not on the tool call: \(app.state.page)")
      return
    }
  }

  @Test("an answer to a query no longer typed is dropped; progress asks the open finder's query again")
  func staleAnswersAndProgress() {
    let reducer = Reducer()
    var state = finderOpen(on: "datetime")
    let hit = Self.textHit(session: "s", match: "date", snippet: "date")
    let old = SearchResults(hits: [hit], total: 1, next: nil)
    #expect(reducer.reduce(&state, .searchAnswered(query: "date", old, error: nil)).isEmpty)
    #expect(state.finder.hits.isEmpty && state.finder.isSearching)
    _ = reducer.reduce(&state, .searchAnswered(query: "datetime", old, error: nil))
    #expect(state.finder.hits == [hit] && !state.finder.isSearching)
    let progress = IndexProgress(sessionsInTree: 10, sessionsToIndex: 10, sessionsIndexed: 4)
    #expect(reducer.reduce(&state, .indexProgressed(progress)) == [.searchEverySession("datetime")])
    #expect(state.indexProgress == progress)
    state.showingFinder = false
    #expect(reducer.reduce(&state, .indexProgressed(progress)).isEmpty)
  }

  @Test("hits show before they are counted (a full page as 100+), then the count; a count of another query is dropped")
  func countFollowsTheHits() {
    let reducer = Reducer()
    var state = finderOpen(on: "test")
    let hits = (0..<Finder.hitLimit).map { Self.textHit(session: "s\($0)", match: "test", snippet: "test \($0)") }
    _ = reducer.reduce(&state, .searchAnswered(query: "test", SearchResults(hits: hits, total: nil, next: nil), error: nil))
    #expect(AppView.render(state).text.contains("\(Finder.hitLimit)+ hits"))
    _ = reducer.reduce(&state, .searchCounted(query: "tes", total: 7))
    #expect(state.finder.total == nil)
    _ = reducer.reduce(&state, .searchCounted(query: "test", total: 2_500))
    #expect(AppView.render(state).text.contains("\(Finder.hitLimit) of 2500 hits"))
    // Asked again as the index grows: the count stays until the new one comes.
    _ = reducer.reduce(&state, .searchAnswered(query: "test", SearchResults(hits: hits, total: nil, next: nil), error: nil))
    #expect(state.finder.total == 2_500)
  }

  /// A hit in the first text block of session `session`, its match at the start of `snippet`.
  private static func textHit(session: String, match: String, snippet: String) -> SearchHit {
    SearchHit(
      sessionID: session, location: [BlockPlace(turn: 0, block: 0)], kind: .text, toolName: nil, field: .text, offset: 0,
      line: 0, matchedText: match, snippet: snippet, highlights: [0..<match.count],
      session: IndexedSession(id: session, agent: "codex", model: "m", status: .finished, createdAt: "", time: 0, workingDirectory: nil))
  }

  /// A state with the finder open and `text` typed in it.
  private func finderOpen(on text: String) -> AppState {
    var state = AppState(dataDirectory: "x", size: size, now: 0)
    state.showingFinder = true
    state.finder.text = text
    return state
  }
}
