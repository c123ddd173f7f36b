import OrderedCollections
/// Summaries of one native store's sessions kept in a file outside the store, each used again only while
/// the `lstat` stamps of the files it was read from are unchanged (the native counterpart of ``SummaryCache``).
struct NativeIndex: Sendable {
  /// One session's stamps and summary, under the key of the file (or database row) it came from.
  struct Entry: Sendable {
    var stamps: [Int64]
    var summary: SessionSummary
  }

  /// Changes whenever the layout changes.
  static let magic = Array("caw-tui native summaries 3\n".utf8)

  var entries: [String: Entry] = [:]

  /// The index file of the store of `origin` at `root`, in `directory`.
  static func file(in directory: String, origin: SessionOrigin, root: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in (FileSystem.realPath(root) ?? root).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    let hex = String(hash, radix: 16)
    return "\(directory)/native-\(origin.rawValue)-\(String(repeating: "0", count: 16 - hex.count) + hex).bin"
  }

  /// The index in `file`; empty when there is none or it does not decode.
  static func load(_ file: String, origin: SessionOrigin) -> NativeIndex {
    guard let bytes = try? FileSystem.read(file), bytes.starts(with: magic) else { return NativeIndex() }
    var input = ByteReader(bytes, from: magic.count)
    var index = NativeIndex()
    guard let count = input.int(), count >= 0 else { return NativeIndex() }
    for _ in 0..<count {
      guard let key = input.string(), let path = input.string(), let title = input.string(),
        let stampCount = input.int(), (0...4096).contains(stampCount)
      else { return NativeIndex() }
      var stamps: [Int64] = []
      for _ in 0..<stampCount {
        guard let value = input.int() else { return NativeIndex() }
        stamps.append(Int64(value))
      }
      guard var summary = SummaryCacheFile.decodeSummary(&input) else { return NativeIndex() }
      summary.path = path
      summary.nativePath = path
      summary.title = title
      summary.origin = origin
      index.entries[key] = Entry(stamps: stamps, summary: summary)
    }
    return input.isAtEnd ? index : NativeIndex()
  }

  /// Writes the index to `file` (failures are ignored: it is only a cache).
  func save(_ file: String) {
    var out = ByteWriter()
    out.bytes += Self.magic
    out.int(entries.count)
    for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
      out.string(key)
      out.string(entry.summary.path)
      out.string(entry.summary.title)
      out.int(entry.stamps.count)
      for value in entry.stamps { out.int(Int(value)) }
      SummaryCacheFile.encodeSummary(entry.summary, into: &out)
    }
    try? FileSystem.makeDirectories(FileSystem.parent(of: file))
    try? FileSystem.writeAtomically(out.bytes, to: file, sync: false)
  }

  /// Brings the index to `units` (key, stamps, how to read it): units whose stamps match keep their
  /// summary, the rest are read on every core, vanished ones dropped. Tells whether anything changed.
  mutating func update(_ units: [NativeUnit]) -> Bool {
    let misses = units.indices.filter { entries[units[$0].key]?.stamps != units[$0].stamps }
    let fresh = SessionReader.inParallel(misses.count) { units[misses[$0]].summarise() }
    for (summary, index) in zip(fresh, misses) { entries[units[index].key] = Entry(stamps: units[index].stamps, summary: summary) }
    var changed = !misses.isEmpty
    if entries.count != units.count {
      let present = Set(units.map(\.key))
      entries = entries.filter { present.contains($0.key) }
      changed = true
    }
    return changed
  }
}

/// One session of a native store as the index sees it: where it is, its stamps, and how to summarise it.
struct NativeUnit: Sendable {
  var key: String
  var stamps: [Int64]
  var summarise: @Sendable () -> SessionSummary
}
