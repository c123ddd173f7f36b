import CawCore

/// Which sessions the list shows and in what order: text filter, quick filters and sort.
public struct SessionQuery: Hashable, Sendable {
  /// Words every visible row must contain (case-insensitive, in any order; a double-quoted phrase whole);
  /// empty for all. Its `since:` and `until:` words (as `--since` and `--until` take: `2026-11-20`,
  /// `today`, `7d`, `2w`, a time) filter by start, and a `source:` word by origin (`source:claude`: Claude
  /// Code's own transcripts).
  public var text = ""
  /// Only this provider, or all.
  public var provider: String?
  /// Only this status, or all.
  public var status: DisplayStatus?
  /// The order.
  public var sort = SessionSort.newest

  /// Creates a query that shows everything, newest first.
  public init() {}

  /// Turns every filter off (the sort stays).
  public mutating func clearFilters() {
    text = ""
    provider = nil
    status = nil
  }

  /// Whether any filter is on.
  public var isFiltering: Bool { !text.isEmpty || provider != nil || status != nil }

  /// The sessions to show, in order; `recording` holds the ids a run is recording, and `searchTexts`
  /// and `startTimes`, when given, each summary's `SessionRow.searchText` and start time (index for
  /// index) so typing a filter or sorting does not rebuild every row or parse every date.
  public func apply(
    _ summaries: [SessionSummary], now: Double, recording: Set<String> = [], searchTexts: [String]? = nil,
    startTimes: [Double]? = nil
  ) -> VisibleSessions {
    let words = FilterWords(text, now: now)
    let needles = words.terms.map { $0.lowercased() }
    let texts = searchTexts.flatMap { $0.count == summaries.count ? $0 : nil }
    let times = startTimes.flatMap { $0.count == summaries.count ? $0 : nil }
    // Each summary read where it lies (a copy retains its twenty strings, 10,000 times a keystroke).
    let kept = summaries.withUnsafeBufferPointer { summaries in
      summaries.indices.filter { index in
        let isRecording = { recording.contains(summaries[index].id) }
        if let provider, summaries[index].agent != provider { return false }
        if let status, DisplayStatus(summaries[index], recording: isRecording(), now: now) != status { return false }
        if let origin = words.origin, summaries[index].origin != origin { return false }
        if let range = words.range, !range.contains(times?[index] ?? summaries[index].startTime) { return false }
        guard !needles.isEmpty else { return true }
        let text = texts?[index] ?? SessionRow(summaries[index], now: now, recording: isRecording()).searchText
        return needles.allSatisfy { TextSearch.contains(text, $0) }
      }
    }
    // Start times are parsed once per session, not once per comparison, and indices are sorted rather
    // than the (large) summaries themselves.
    let started = kept.map { times?[$0] ?? summaries[$0].startTime }
    let keys = kept.map { sort.key(summaries[$0]) }
    let order = kept.indices.sorted { a, b in
      if keys[a] != keys[b] { return keys[a] > keys[b] }
      if started[a] != started[b] { return started[a] > started[b] }
      return summaries[kept[a]].id < summaries[kept[b]].id
    }.map { kept[$0] }
    return VisibleSessions(summaries, order: order)
  }

  /// The next provider filter in the cycle: all, then each provider present, then all again.
  public func nextProvider(among summaries: [SessionSummary]) -> String? {
    var providers: [String] = []
    for s in summaries where !providers.contains(s.agent) && !s.agent.isEmpty { providers.append(s.agent) }
    providers.sort()
    guard let provider, let index = providers.firstIndex(of: provider) else { return providers.first }
    return index + 1 < providers.count ? providers[index + 1] : nil
  }

  /// The next status filter in the cycle: all, then each status, then all again.
  public var nextStatus: DisplayStatus? {
    let all = DisplayStatus.allCases
    guard let status, let index = all.firstIndex(of: status) else { return all.first }
    return index + 1 < all.count ? all[index + 1] : nil
  }
}
