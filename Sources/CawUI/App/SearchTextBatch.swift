import CawCore

/// The list rows' `/` filter texts (``SessionRow/searchText``), built off the UI thread for one list, so
/// the first character typed in the filter finds them ready.
public struct SearchTextBatch: Equatable, Sendable {
  /// The list the texts were built for.
  public var summaries: [SessionSummary]
  /// Each summary's text, index for index (built as if no run were recording).
  public var texts: [String]

  /// Builds the texts of `summaries` as of `now`, on every core.
  public init(summaries: [SessionSummary], now: Double) {
    self.summaries = summaries
    texts = SessionReader.inParallel(summaries.count) {
      SessionRow(summaries[$0], now: now, recording: false).searchText
    }
  }
}
