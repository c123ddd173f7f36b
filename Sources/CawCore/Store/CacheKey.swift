/// How caw-tui's cache files are tied to a data directory: named after a hash of its real path, and
/// never placed inside it (the reader must never write there).
enum CacheKey {
  /// 16 hex digits naming the cache files of `dataDirectory`; nil when its real path cannot be found.
  static func name(for dataDirectory: DataDirectory) -> String? {
    FileSystem.realPath(dataDirectory.path).map(name(ofPath:))
  }

  /// 16 hex digits naming the cache files of `path`, as written.
  static func name(ofPath path: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in path.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Whether `directory` (which need not exist yet) lies inside `dataDirectory`.
  static func isInside(_ directory: String, _ dataDirectory: DataDirectory) -> Bool {
    guard let data = FileSystem.realPath(dataDirectory.path) else { return true }
    var cache = directory
    while FileSystem.realPath(cache) == nil, cache.count > 1 { cache = FileSystem.parent(of: cache) }
    guard let real = FileSystem.realPath(cache) else { return false }
    return real == data || real.hasPrefix(data + "/")
  }
}
