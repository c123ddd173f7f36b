import Glibc

/// Substring search on UTF-8 bytes (`memchr` for the first byte, then `memcmp`), for filtering
/// thousands of rows per keystroke; both sides are expected lowercased already.
enum TextSearch {
  /// Whether `haystack` contains `needle`.
  static func contains(_ haystack: String, _ needle: String) -> Bool {
    guard !needle.isEmpty else { return true }
    var haystack = haystack
    var needle = needle
    return haystack.withUTF8 { h in
      needle.withUTF8 { n in
        guard let hBase = h.baseAddress, let nBase = n.baseAddress, n.count <= h.count else { return false }
        var start = 0
        let last = h.count - n.count
        while start <= last, let hit = memchr(hBase + start, Int32(nBase.pointee), last - start + 1) {
          let offset = UnsafeRawPointer(hBase).distance(to: UnsafeRawPointer(hit))
          if memcmp(hit, nBase, n.count) == 0 { return true }
          start = offset + 1
        }
        return false
      }
    }
  }
}
