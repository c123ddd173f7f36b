import Glibc

/// Substring search on UTF-8 bytes (`memchr` for the first byte, then `memcmp`), for filtering
/// thousands of rows per keystroke and searching tool outputs piece by piece; both sides are expected
/// lowercased already.
public enum TextSearch {
  /// Whether `haystack` contains `needle`.
  public static func contains(_ haystack: String, _ needle: String) -> Bool {
    guard !needle.isEmpty else { return true }
    var haystack = haystack
    var needle = needle
    return haystack.withUTF8 { h in
      needle.withUTF8 { n in contains(UnsafeRawBufferPointer(h), UnsafeRawBufferPointer(n)) }
    }
  }

  /// Whether the bytes of `haystack` contain those of `needle` (an empty needle is found everywhere).
  public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
    guard !needle.isEmpty else { return true }
    guard let hBase = haystack.baseAddress, let nBase = needle.baseAddress, needle.count <= haystack.count else {
      return false
    }
    let first = Int32(needle[0])
    var start = 0
    let last = haystack.count - needle.count
    while start <= last, let hit = memchr(hBase + start, first, last - start + 1) {
      if memcmp(hit, nBase, needle.count) == 0 { return true }
      start = hBase.distance(to: UnsafeRawPointer(hit)) + 1
    }
    return false
  }
}
