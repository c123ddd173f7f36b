import Glibc

extension SummaryCache {
  /// Removes the index files nobody can use any more: those of data directories that no longer exist
  /// (no `sessions/` directory at the path they index) and those of an older layout, which name no
  /// directory. Only files named as this cache names them are looked at; anything else is left alone.
  func pruneOrphans() {
    guard let names = try? FileSystem.list(directory) else { return }
    for name in names where Self.isIndexFileName(name) {
      let path = directory + "/" + name
      // The magic line and the directory's path are at the start; 8 KiB holds any real path.
      guard let head = FileSystem.readPrefix(path, count: 8192) else { continue }
      if let indexed = SummaryCacheFile.directory(in: head), FileSystem.isDirectory(indexed + "/sessions") { continue }
      unlink(path)
    }
  }

  /// `summaries-<16 hex digits>.bin`: the names ``file(for:)`` gives.
  static func isIndexFileName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard bytes.count == 30, name.hasPrefix("summaries-"), name.hasSuffix(".bin") else { return false }
    return bytes[10..<26].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
