import GRDB
import GRDBSQLite

/// The FTS5 auxiliary function `caw_matches(block_index, column, window)`: where the query matches in one
/// column of a hit, as UTF-8 byte ranges `start,end;start,end…`, from the first match up to `window` bytes
/// past it (NULL when the column has none).
///
/// FTS5's `highlight()` copies its whole output again for every match it marks, which on a large tool
/// output with many matches took seconds; this tokenizes the column only up to the window, and a snippet
/// needs no more (``SearchSnippet``).
enum MatchRanges {
  /// Registers the function on `db`'s connection.
  static func register(_ db: Database) {
    let api = UnsafeMutablePointer(mutating: FTS5.api(db))
    _ = api.pointee.xCreateFunction(api, "caw_matches", nil, function, nil)
  }

  /// What the token callback needs: the token positions wanted (in order), and the ranges found.
  private struct Walk {
    var wanted: [(start: Int32, end: Int32)]
    var next = 0
    var token: Int32 = 0
    var ranges: [(start: Int32, end: Int32)] = []
    var open: Int32 = -1
    /// Bytes past the first match's start after which no match is wanted.
    var window: Int32
    var limit: Int32 = .max
  }

  private static let function: fts5_extension_function = { api, context, result, count, values in
    guard let api, let context, let result, count == 2, let values, let columnValue = values[0], let windowValue = values[1]
    else {
      if let result { sqlite3_result_null(result) }
      return
    }
    let column = sqlite3_value_int(columnValue)
    let window = sqlite3_value_int(windowValue)
    // The instances of the query's phrases in this column, as token ranges.
    var instances: Int32 = 0
    guard api.pointee.xInstCount(context, &instances) == SQLITE_OK else { return sqlite3_result_null(result) }
    var wanted: [(start: Int32, end: Int32)] = []
    for i in 0..<instances {
      var phrase: Int32 = 0
      var instanceColumn: Int32 = 0
      var offset: Int32 = 0
      guard api.pointee.xInst(context, i, &phrase, &instanceColumn, &offset) == SQLITE_OK else { continue }
      guard instanceColumn == column else { continue }
      wanted.append((offset, offset + max(api.pointee.xPhraseSize(context, phrase), 1) - 1))
    }
    guard !wanted.isEmpty else { return sqlite3_result_null(result) }
    wanted.sort { $0.start < $1.start }
    var text: UnsafePointer<CChar>?
    var length: Int32 = 0
    guard api.pointee.xColumnText(context, column, &text, &length) == SQLITE_OK, let text else {
      return sqlite3_result_null(result)
    }
    var walk = Walk(wanted: wanted, window: window)
    _ = withUnsafeMutablePointer(to: &walk) { pointer in
      api.pointee.xTokenize(context, text, length, pointer) { raw, flags, _, _, start, end in
        let walk = raw!.assumingMemoryBound(to: Walk.self)
        // A colocated token is another form of the one before: it does not count.
        if flags & FTS5_TOKEN_COLOCATED != 0 { return SQLITE_OK }
        defer { walk.pointee.token += 1 }
        let token = walk.pointee.token
        while walk.pointee.next < walk.pointee.wanted.count {
          let instance = walk.pointee.wanted[walk.pointee.next]
          if token < instance.start { break }
          if token == instance.start {
            if walk.pointee.ranges.isEmpty, walk.pointee.open < 0 { walk.pointee.limit = start &+ walk.pointee.window }
            if start > walk.pointee.limit { return SQLITE_DONE }
            walk.pointee.open = start
          }
          if token == instance.end, walk.pointee.open >= 0 {
            walk.pointee.ranges.append((walk.pointee.open, end))
            walk.pointee.open = -1
            walk.pointee.next += 1
            continue
          }
          if token > instance.end {
            walk.pointee.next += 1
            continue
          }
          break
        }
        return walk.pointee.next < walk.pointee.wanted.count ? SQLITE_OK : SQLITE_DONE
      }
    }
    guard !walk.ranges.isEmpty else { return sqlite3_result_null(result) }
    let encoded = walk.ranges.map { "\($0.start),\($0.end)" }.joined(separator: ";")
    sqlite3_result_text(result, encoded, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
  }

  /// The ranges `caw_matches` returned.
  static func decode(_ text: String) -> [Range<Int>] {
    text.split(separator: ";").compactMap { pair in
      let parts = pair.split(separator: ",")
      guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]), start <= end else { return nil }
      return start..<end
    }
  }
}
