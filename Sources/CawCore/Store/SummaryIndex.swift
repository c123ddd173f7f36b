/// Session summaries with the `lstat` stamps they were read at, by session id: the list's index in memory.
struct SummaryIndex: Sendable {
  /// One session's stamps and summary.
  struct Entry: Sendable {
    /// nil for a session that is or holds a link: it is read again every time.
    var stamps: SessionStamps?
    var summary: SessionSummary
    /// The newest-first sort key (``SessionReader/sortNewestFirst(_:)``'s).
    var time: Double

    init(stamps: SessionStamps?, summary: SessionSummary) {
      self.stamps = stamps
      self.summary = summary
      time = summary.startTime
    }
  }

  /// The sessions known, by id.
  var entries: [String: Entry] = [:]

  /// Brings the index to the sessions `ids` (whose stamps are `stamps`): entries whose stamps match are
  /// kept, the others read again, and sessions no longer listed dropped. Tells whether anything changed.
  mutating func update(ids: [String], stamps: [SessionStamps?], reader: SessionReader) -> Bool {
    let misses = ids.indices.filter { index in
      guard let stamp = stamps[index], let entry = entries[ids[index]] else { return true }
      return entry.stamps != stamp
    }
    let fresh = SessionReader.inParallel(misses.count) { reader.summarise(ids[misses[$0]]) }
    for (summary, index) in zip(fresh, misses) { entries[ids[index]] = Entry(stamps: stamps[index], summary: summary) }
    var changed = !misses.isEmpty
    if entries.count != ids.count {
      let present = Set(ids)
      entries = entries.filter { present.contains($0.key) }
      changed = true
    }
    return changed
  }

  /// The summaries of `ids`, newest first.
  func newestFirst(_ ids: [String]) -> [SessionSummary] {
    // Sorted by key, so each summary is copied out once.
    let times = ids.map { entries[$0]!.time }
    return ids.indices.sorted { a, b in
      times[a] != times[b] ? times[a] > times[b] : ids[a] < ids[b]
    }.map { entries[ids[$0]]!.summary }
  }
}
