import CawCore
import CawUI
import Testing

/// The list's filter texts built off the UI thread are used only for the list they were built for.
@Suite struct SearchTextBatchTests {
  private let size = Size(width: 120, height: 30)

  @Test("texts built for the list shown are the ones the filter searches; texts of another list are not")
  func batchIsUsedOnlyForItsList() throws {
    var app = try AppHarness.demo(size)
    let summaries = app.state.summaries
    #expect(summaries.count > 3)
    let built = SearchTextBatch(summaries: summaries, now: AppHarness.now)
    #expect(built.texts == summaries.map { SessionRow($0, now: AppHarness.now, recording: false).searchText })

    // Marked texts show which texts the filter reads. A batch for the list before this one is not used.
    let marked = { (list: [SessionSummary]) in
      var batch = SearchTextBatch(summaries: [], now: 0)
      batch.summaries = list
      batch.texts = list.map { _ in "zzz-marked" }
      return batch
    }
    let shorter = Array(summaries.dropFirst())
    try app.send(.sessionsListed(shorter, now: AppHarness.now))
    try app.send(.searchTextsBuilt(marked(summaries)))
    try app.press(.character("/"))
    try app.type("zzz-marked")
    #expect(app.state.visibleSessions.isEmpty, "a batch for another list is not used")
    try app.press(.escape)

    // One for the list shown is.
    let shown = app.state.visibleSessions.map(\.id)
    #expect(shown.count == shorter.count)
    let again = Array(shorter.dropFirst())
    try app.send(.sessionsListed(again, now: AppHarness.now))
    let visible = app.state.visibleSessions.map(\.id)
    try app.send(.searchTextsBuilt(marked(again)))
    try app.press(.character("/"))
    try app.type("zzz-marked")
    #expect(app.state.visibleSessions.map(\.id) == visible, "every row's text is the batch's")
  }
}
