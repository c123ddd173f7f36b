import CawCore

/// What the session service knows of the native sessions the list shows: where each lives, and which
/// records are folded into the caw sessions that recorded them (same provider and resume key), so a record
/// written while the list is open is shown once.
struct NativeRows: Sendable {
  /// Where each listed native record lives, by session id.
  private(set) var locations: [String: SessionCatalog.Location] = [:]
  /// Whether records are folded into caw sessions (caw's tree is listed too).
  private var folding = false
  /// The fold keys of the caw sessions listed.
  private var cawKeys: Set<String> = []
  /// The listed native records by fold key.
  private var nativeByKey: [String: String] = [:]
  /// The native record of each caw session that has one folded in, by the caw session's id.
  private(set) var records: [String: SessionCatalog.Location] = [:]
  /// Whether a whole listing was taken in.
  private(set) var listed = false

  /// Starts again from a whole listing (`folding` when the caw tree is listed).
  init(listing summaries: [SessionSummary], folding: Bool) {
    self.folding = folding
    listed = true
    for summary in summaries {
      if summary.origin == .caw {
        if folding, let key = SessionCatalog.foldKey(of: summary) { cawKeys.insert(key) }
        if let record = SessionCatalog.linkedLocation(of: summary) { records[summary.id] = record }
      } else {
        shown(summary)
      }
    }
  }

  /// An empty set (before the first listing).
  init() {}

  /// Whether `summary`, a native record, is folded into a caw session rather than shown.
  func isFolded(_ summary: SessionSummary) -> Bool {
    folding && SessionCatalog.foldKey(of: summary).map(cawKeys.contains) == true
  }

  /// Records that the native `summary` is shown.
  mutating func shown(_ summary: SessionSummary) {
    locations[summary.id] = SessionCatalog.location(of: summary)
    if let key = SessionCatalog.foldKey(of: summary) { nativeByKey[key] = summary.id }
  }

  /// Forgets the native session `id` (its record is gone, or now folded).
  mutating func forget(_ id: String) {
    locations[id] = nil
    nativeByKey = nativeByKey.filter { $0.value != id }
  }

  /// Takes in caw sessions read again; returns the native records shown so far that they recorded, which
  /// the list must now drop. A record imported under its own id (`r` on it) is that caw session from now on.
  mutating func cawRead(_ summaries: [SessionSummary]) -> Set<String> {
    for summary in summaries where locations[summary.id] != nil { forget(summary.id) }
    guard folding else { return [] }
    var folded: Set<String> = []
    for summary in summaries {
      guard let key = SessionCatalog.foldKey(of: summary) else { continue }
      cawKeys.insert(key)
      if let id = nativeByKey[key] {
        folded.insert(id)
        records[summary.id] = locations[id]
        forget(id)
      }
    }
    return folded
  }
}
