/// The key a session's blocks are numbered under in ``SQLiteSearchIndex``: its start second times 128
/// plus a small number telling apart sessions of the same second. So rowids sort sessions by start time,
/// newest-first search walks the index backwards and stops at a page, and a date range is a rowid range.
enum SessionKey {
  /// Keys per second.
  static let perSecond: Int64 = 128

  /// The first key of the second `time` falls in (times before 1970 or after 2106 are clamped).
  static func first(for time: Double) -> Int64 {
    guard time.isFinite, time > 0 else { return 0 }
    return min(Int64(time.rounded(.down)), Int64(UInt32.max)) * perSecond
  }

  /// Whether `key` belongs to the second `time` falls in.
  static func matches(_ key: Int64, time: Double) -> Bool {
    key / perSecond == first(for: time) / perSecond
  }

  /// The lowest rowid of a block of sessions started at or after `time`.
  static func lowestRowID(since time: Double) -> Int64 {
    first(for: time) << SearchIndexSchema.blockBits
  }

  /// The first rowid past every block of sessions started before `time`.
  static func rowIDLimit(before time: Double) -> Int64 {
    (first(for: time) + perSecond) << SearchIndexSchema.blockBits
  }

  /// The range of rowids of the blocks of the session with `key`.
  static func rowIDs(of key: Int64) -> ClosedRange<Int64> {
    (key << SearchIndexSchema.blockBits)...((key << SearchIndexSchema.blockBits) | ((1 << SearchIndexSchema.blockBits) - 1))
  }
}
