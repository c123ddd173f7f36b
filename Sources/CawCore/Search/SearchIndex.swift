/// A full-text index of a caw data tree's sessions, kept up to date from their files.
///
/// Everything here may take long (a first build reads every trajectory) and blocks the calling thread:
/// call it from a worker, never from a UI thread. Searching works while another thread or process
/// updates the index, and answers from what is indexed so far.
///
/// ``SQLiteSearchIndex`` is the one implementation: a file in the cache directory. The protocol is what
/// a shared index (PostgreSQL for teams whose agents run on many hosts, ARCHITECTURE.md) would implement.
public protocol SearchIndex: Sendable {
  /// Up to `limit` hits for `query`, starting after `cursor`; with `counting`, also how many there are.
  func search(_ query: SearchQuery, limit: Int, after cursor: SearchCursor?, counting: Bool) throws(CawError) -> SearchResults

  /// Brings the index up to date with every session of the tree: indexes new and changed sessions
  /// (newest first) and forgets removed ones.
  ///
  /// `progress` is called after each session (on the calling thread). When `isCancelled` turns true the
  /// refresh stops after the session it is in, keeping what was indexed, and reports `cancelled`.
  func refresh(
    progress: (IndexProgress) -> Void, isCancelled: () -> Bool
  ) throws(CawError) -> IndexProgress

  /// Brings the given sessions up to date (after a watcher reported them changed): cheaper than
  /// ``refresh(progress:isCancelled:)`` when the changed sessions are known.
  func update(sessions ids: [String]) throws(CawError) -> IndexProgress

  /// What the index holds.
  func status() throws(CawError) -> IndexStatus
}

extension SearchIndex {
  /// The first `limit` hits for `query`, not counted.
  public func search(_ query: SearchQuery, limit: Int = 50) throws(CawError) -> SearchResults {
    try search(query, limit: limit, after: nil, counting: false)
  }

  /// ``refresh(progress:isCancelled:)`` without progress or cancellation.
  @discardableResult
  public func refresh() throws(CawError) -> IndexProgress {
    try refresh(progress: { _ in }, isCancelled: { false })
  }
}

/// How far a refresh has got.
public struct IndexProgress: Hashable, Sendable {
  /// Sessions in the tree.
  public var sessionsInTree: Int
  /// Sessions this refresh has to (re)index.
  public var sessionsToIndex: Int
  /// Of those, how many are done.
  public var sessionsIndexed: Int
  /// Bytes of `trajectory.json` to read, and read so far.
  public var bytesToRead: Int
  /// Bytes read so far.
  public var bytesRead: Int
  /// Sessions removed from the index because they are gone.
  public var sessionsRemoved: Int
  /// Whether the refresh stopped because it was cancelled.
  public var cancelled: Bool
  /// Whether the refresh is over.
  public var finished: Bool

  /// Progress from its figures.
  public init(
    sessionsInTree: Int = 0, sessionsToIndex: Int = 0, sessionsIndexed: Int = 0, bytesToRead: Int = 0,
    bytesRead: Int = 0, sessionsRemoved: Int = 0, cancelled: Bool = false, finished: Bool = false
  ) {
    self.sessionsInTree = sessionsInTree
    self.sessionsToIndex = sessionsToIndex
    self.sessionsIndexed = sessionsIndexed
    self.bytesToRead = bytesToRead
    self.bytesRead = bytesRead
    self.sessionsRemoved = sessionsRemoved
    self.cancelled = cancelled
    self.finished = finished
  }

  /// The share done, 0…1, by bytes.
  public var fraction: Double {
    bytesToRead == 0 ? (finished ? 1 : 0) : min(Double(bytesRead) / Double(bytesToRead), 1)
  }
}

/// What an index holds.
public struct IndexStatus: Hashable, Sendable {
  /// Sessions indexed.
  public var sessions: Int
  /// Blocks indexed.
  public var blocks: Int
  /// Bytes the index takes on disk.
  public var bytesOnDisk: Int
  /// Where it is (a file path, or a database's name).
  public var location: String

  /// A status from its figures.
  public init(sessions: Int, blocks: Int, bytesOnDisk: Int, location: String) {
    self.sessions = sessions
    self.blocks = blocks
    self.bytesOnDisk = bytesOnDisk
    self.location = location
  }
}
