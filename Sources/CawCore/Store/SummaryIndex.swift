/// Session summaries with the `lstat` stamps they were read at, by session id: the list's index in memory.
struct SummaryIndex: Sendable {
  /// One session's stamps and summary.
  struct Entry: Sendable {
    var stamps: SessionStamps
    var summary: SessionSummary
  }

  /// The sessions known, by id.
  var entries: [String: Entry] = [:]

  /// Summaries of `ids` (whose stamps are `stamps`), reusing entries whose stamps match and reading the
  /// others; afterwards the index holds exactly these sessions. Also tells whether anything changed.
  mutating func update(ids: [String], stamps: [SessionStamps?], reader: SessionReader) -> (summaries: [SessionSummary], changed: Bool) {
    let misses = ids.indices.filter { index in
      guard let stamp = stamps[index], let entry = entries[ids[index]] else { return true }
      return entry.stamps != stamp
    }
    let fresh = SessionReader.inParallel(misses.count) { reader.summarise(ids[misses[$0]]) }
    var summaries: [SessionSummary] = []
    summaries.reserveCapacity(ids.count)
    var updated: [String: Entry] = [:]
    updated.reserveCapacity(ids.count)
    var missIndex = 0
    for (index, id) in ids.enumerated() {
      var summary: SessionSummary
      if missIndex < misses.count, misses[missIndex] == index {
        summary = fresh[missIndex]
        missIndex += 1
      } else {
        summary = entries[id]!.summary
        summary.path = reader.dataDirectory.sessionsPath + "/" + id
      }
      summaries.append(summary)
      if let stamp = stamps[index] { updated[id] = Entry(stamps: stamp, summary: summary) }
    }
    let changed = !misses.isEmpty || updated.count != entries.count
    entries = updated
    return (summaries, changed)
  }
}
