import Glibc

/// The session list as a view filters and orders it, fast enough to redo on every keystroke: search text
/// and sort keys are prepared once, and each query returns row indices instead of moving summaries.
public struct SummaryList: Sendable {
  /// The orders a list can be shown in.
  public enum Order: Sendable, CaseIterable {
    /// Newest first, as ``SessionReader/listSessions(cache:)`` returns them.
    case newest
    /// Most expensive first (total cost including subagents).
    case cost
    /// Most turns first.
    case turns
    /// Most tool errors first.
    case errors
  }

  /// The summaries, in the order given.
  public let summaries: [SessionSummary]
  /// Per summary: id, status, agent, model and first prompt, ASCII letters lowercased.
  private let searchText: [[UInt8]]
  private let costs: [Double]

  /// Prepares `summaries` (newest first) for filtering and sorting.
  public init(_ summaries: [SessionSummary]) {
    self.summaries = summaries
    searchText = summaries.map { s in
      Self.folded(Array("\(s.id)\n\(s.status.rawValue)\n\(s.agent)\n\(s.model)\n\(s.firstUserMessage)".utf8))
    }
    costs = summaries.map(\.totalUsage.cost)
  }

  /// Indices of the summaries containing `query` (ASCII letters in either case; empty matches all), in `order`.
  public func rows(matching query: String, order: Order) -> [Int] {
    let needle = Self.folded(Array(query.utf8))
    var rows = needle.isEmpty ? Array(summaries.indices) : summaries.indices.filter { Self.contains(searchText[$0], needle) }
    switch order {
    case .newest: break
    case .cost: rows.sort { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
    case .turns: rows.sort { summaries[$0].turnCount != summaries[$1].turnCount ? summaries[$0].turnCount > summaries[$1].turnCount : $0 < $1 }
    case .errors:
      rows.sort {
        summaries[$0].toolErrorCount != summaries[$1].toolErrorCount ? summaries[$0].toolErrorCount > summaries[$1].toolErrorCount : $0 < $1
      }
    }
    return rows
  }

  private static func folded(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
    return haystack.withUnsafeBufferPointer { h in
      needle.withUnsafeBufferPointer { n in
        var i = 0
        let last = h.count - n.count
        while i <= last {
          if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
          i += 1
        }
        return false
      }
    }
  }
}
