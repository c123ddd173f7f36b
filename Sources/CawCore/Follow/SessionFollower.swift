import Foundation

/// Re-reads a session that another process is writing. caw rewrites `trajectory.json` in place
/// (truncate, then write), so a read can catch it empty or cut short: such a read is retried, and if the
/// file stays unreadable the previous view is kept rather than replaced by the poorer `traj.jsonl` one.
public struct SessionFollower: Sendable {
  /// Where sessions are read from.
  public let reader: SessionReader
  /// The last good view of each followed session, the most recently read ``capacity`` of them.
  private var lastGood: [String: LoadedSession] = [:]
  /// Sessions in `lastGood`, least recently read first.
  private var order: [String] = []
  /// How many sessions' last good views are kept.
  public var capacity = 8

  /// Creates a follower over a reader.
  public init(reader: SessionReader) { self.reader = reader }

  /// The current view of `id`: read again (up to `retries` more times, `delay` apart) while
  /// `trajectory.json` is caught mid-write; the last good view when it never reads whole. Its text is
  /// kept within `budget` (a view's by default, so a huge session costs a bounded amount of memory); a
  /// read that is not `kept` (an export's, of all the text) is not remembered as the last good view, nor
  /// given it.
  public mutating func refresh(
    _ id: String, retries: Int = 5, delay: Duration = .milliseconds(10), budget: TextBudget = .display,
    kept: Bool = true
  ) -> LoadedSession {
    var loaded = reader.loadDirectory(named: id, budget: budget)
    var attempt = 0
    while loaded.trajectoryFileUnreadable && attempt < retries {
      attempt += 1
      Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
      loaded = reader.loadDirectory(named: id, budget: budget)
    }
    // The last good view stands in only for a view: an export's read must not get a view's cut text.
    if kept, loaded.trajectoryFileUnreadable, let previous = lastGood[id], previous.source == .trajectoryFile {
      return previous
    }
    if loaded.source == .trajectoryFile, kept {
      order.removeAll { $0 == id }
      order.append(id)
      lastGood[id] = loaded
      while order.count > capacity { lastGood[order.removeFirst()] = nil }
    }
    return loaded
  }

  /// Forgets a session (when it is no longer shown).
  public mutating func forget(_ id: String) {
    lastGood[id] = nil
    order.removeAll { $0 == id }
  }
}
