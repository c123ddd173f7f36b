import Foundation

/// The session list kept up to date in memory for a view that stays open: ``refresh()`` stats every
/// session and reads again only those whose files changed, with no cache file to decode or write.
public struct LiveSessionList: Sendable {
  /// The tree being listed.
  public let reader: SessionReader
  /// Every session's summary, newest first, as of the last refresh.
  public private(set) var summaries: [SessionSummary] = []
  private var index = SummaryIndex()

  /// Lists the sessions of `reader`'s tree, starting from `cache` when there is one (and updating it).
  public init(_ reader: SessionReader, cache: SummaryCache? = nil) throws(CawError) {
    self.reader = reader
    index.entries = cache?.load(for: reader.dataDirectory) ?? [:]
    let ids = try reader.sessionIDs()
    if try refresh(ids), let cache { cache.save(index, ids: ids, for: reader.dataDirectory) }
  }

  /// Stats every session and reads the changed, new and removed ones; returns whether the list changed.
  @discardableResult
  public mutating func refresh() throws(CawError) -> Bool {
    try refresh(reader.sessionIDs())
  }

  private mutating func refresh(_ ids: [String]) throws(CawError) -> Bool {
    let stamps = SessionStamps.all(ids, in: reader.dataDirectory.sessionsPath, workers: ProcessInfo.processInfo.activeProcessorCount)
    let changed = index.update(ids: ids, stamps: stamps, reader: reader)
    if changed || summaries.count != ids.count { summaries = index.newestFirst(ids) }
    return changed
  }
}
