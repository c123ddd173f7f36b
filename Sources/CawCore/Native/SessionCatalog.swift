import OrderedCollections
import Foundation

/// Every session a user can browse — a caw data directory and the agents' own stores — listed, found and
/// loaded through one door, so the CLI and the UI treat them alike.
///
/// A native record that a caw session recorded (same provider, same resume key) is folded into that caw
/// session's row when both origins are listed: the row gets the record's path (``SessionSummary/nativePath``)
/// and the record is not listed twice. Nothing here writes to a store.
public struct SessionCatalog: Sendable {
  /// The caw data directory, when caw sessions are wanted.
  public var dataDirectory: DataDirectory?
  /// Where the agents keep their own sessions.
  public var stores: NativeStores
  /// The origins listed and searched.
  public var origins: Set<SessionOrigin>
  /// Prices for native sessions, which record tokens but no cost.
  public var pricing: PricingTable

  /// A catalog over `origins`.
  public init(dataDirectory: DataDirectory?, stores: NativeStores, origins: Set<SessionOrigin>, pricing: PricingTable) {
    self.dataDirectory = dataDirectory
    self.stores = stores
    self.origins = origins
    self.pricing = pricing
  }

  /// What is there by default: caw when `dataDirectory` holds a `sessions/` directory, and each agent
  /// store that exists.
  public static func presentOrigins(dataDirectory: DataDirectory?, stores: NativeStores) -> Set<SessionOrigin> {
    var origins = Set(SessionOrigin.native.filter(stores.isPresent))
    if let dataDirectory, FileSystem.isDirectory(dataDirectory.sessionsPath) { origins.insert(.caw) }
    return origins
  }

  /// The result of listing: the sessions, and the stores that could not be read (the others still are).
  public struct Listing: Sendable {
    /// Every session, newest first.
    public var summaries: [SessionSummary]
    /// Why a store could not be listed, by origin.
    public var failures: [SessionOrigin: String]
  }

  /// Lists every origin's sessions, newest first. Each native store keeps its index next to the caw one
  /// in `cacheDirectory` (none: every session is read).
  public func list(cacheDirectory: String?) -> Listing {
    var summaries: [SessionSummary] = []
    var failures: [SessionOrigin: String] = [:]
    if origins.contains(.caw), let dataDirectory {
      do {
        // Taken as it is, not copied: the other origins are appended to it.
        summaries = try SessionReader(dataDirectory).listSessions(cache: cacheDirectory.map(SummaryCache.init(directory:)))
      } catch {
        failures[.caw] = error.message
      }
    }
    for origin in SessionOrigin.native where origins.contains(origin) {
      summaries += listNative(origin, cacheDirectory: cacheDirectory)
    }
    return Listing(summaries: Self.folded(summaries, keepNative: !origins.contains(.caw)), failures: failures)
  }

  /// The sessions of one agent store (their summaries, read or taken from the index).
  public func listNative(_ origin: SessionOrigin, cacheDirectory: String?) -> [SessionSummary] {
    let units = nativeUnits(origin)
    let root = stores.location(of: origin)
    let file = cacheDirectory.map { NativeIndex.file(in: $0, origin: origin, root: root) }
    var index = file.map { NativeIndex.load($0, origin: origin) } ?? NativeIndex()
    if index.update(units), let file { index.save(file) }
    return units.compactMap { index.entries[$0.key]?.summary }
  }

  /// `summaries` newest first, each native record that a caw session recorded folded into that session
  /// (unless `keepNative`, when it stays listed and the caw row still names it).
  static func folded(_ summaries: [SessionSummary], keepNative: Bool) -> [SessionSummary] {
    // Only caw sessions: nothing to fold, and the reader already gave them in this order.
    if !summaries.indices.contains(where: { summaries[$0].origin != .caw }) { return summaries }
    var cawByKey: [String: Int] = [:]
    for (i, s) in summaries.enumerated() where s.origin == .caw {
      if let key = foldKey(of: s) { cawByKey[key] = i }
    }
    var result = summaries
    var drop = Set<Int>()
    for (i, s) in summaries.enumerated() where s.origin != .caw {
      guard let key = foldKey(of: s), let caw = cawByKey[key] else { continue }
      result[caw].nativePath = s.path
      // caw does not record where the agent worked; its native record does.
      if result[caw].workingDirectory.isEmpty { result[caw].workingDirectory = s.workingDirectory }
      if !keepNative { drop.insert(i) }
    }
    let kept = result.indices.filter { !drop.contains($0) }.map { result[$0] }
    let times = kept.map(\.startTime)
    return kept.indices.sorted { a, b in
      if times[a] != times[b] { return times[a] > times[b] }
      if kept[a].origin != kept[b].origin { return kept[a].origin < kept[b].origin }
      return kept[a].id < kept[b].id
    }.map { kept[$0] }
  }

  /// What a caw session and the native record it recorded have in common (provider and resume key);
  /// nil for a session without a resume key.
  public static func foldKey(of summary: SessionSummary) -> String? {
    summary.resumeKey.isEmpty ? nil : summary.agent + "\u{0}" + summary.resumeKey
  }

  /// The sessions of one store as index units.
  func nativeUnits(_ origin: SessionOrigin) -> [NativeUnit] {
    let pricing = self.pricing
    switch origin {
    case .caw:
      return []
    case .claude:
      return stores.claudeTranscripts().map { path in
        NativeUnit(key: path, stamps: NativeStores.stamps(NativeStores.claudeFiles(transcript: path))) {
          SessionSummary(ClaudeTranscript.load(path: path, pricing: pricing, skimmingContent: true))
        }
      }
    case .codex:
      return stores.codexRollouts().map { path in
        NativeUnit(key: path, stamps: NativeStores.stamps([path])) {
          SessionSummary(CodexRollout.load(path: path, pricing: pricing, skimmingContent: true))
        }
      }
    case .opencode:
      guard let data = stores.opencodeData else { return [] }
      return OpencodeStore(dataDirectory: data).sessions().map { ref in
        NativeUnit(key: ref.key, stamps: ref.stamps) {
          SessionSummary(OpencodeStore(dataDirectory: data).load(ref, pricing: pricing, skimmingContent: true))
        }
      }
    }
  }

  // MARK: - Finding and loading one session

  /// Where a session lives.
  public enum Location: Sendable, Equatable {
    /// A caw session, by its full id.
    case caw(String)
    /// A native record: its origin, the key its store finds it by (a file path, or the database row),
    /// and its id.
    case native(SessionOrigin, key: String, id: String)

    /// The native record's key (its file, or its database row), nil for a caw session.
    public var key: String? {
      if case .native(_, let key, _) = self { return key }
      return nil
    }

    /// The session's id.
    public var id: String {
      switch self {
      case .caw(let id): return id
      case .native(_, _, let id): return id
      }
    }
  }

  /// The one session named by `idOrPrefix` (its id, a unique prefix of it, or a native record's path).
  /// A caw session wins over a native record with the same id (it links to it).
  ///
  /// - Throws: ``CawError`` when nothing or more than one session matches.
  public func locate(_ idOrPrefix: String) throws(CawError) -> Location {
    if origins == [.caw], let dataDirectory { return .caw(try SessionReader(dataDirectory).resolve(idOrPrefix)) }
    if idOrPrefix.contains("/"), FileSystem.status(idOrPrefix) != nil {
      for origin in SessionOrigin.native where origins.contains(origin) {
        let wanted = FileSystem.realPath(idOrPrefix) ?? idOrPrefix
        if let found = nativeLocations(origin).first(where: { $0.key == idOrPrefix || $0.key.map { FileSystem.realPath($0) } == wanted }) {
          return found
        }
      }
      throw CawError(.sessionNotFound, "no session recorded in \(TextSanitizer.singleLine(idOrPrefix, limit: 200))")
    }
    try SessionID.validate(idOrPrefix)
    var matches: [Location] = []
    if origins.contains(.caw), let dataDirectory {
      let reader = SessionReader(dataDirectory)
      if let exact = try? reader.resolve(idOrPrefix), exact == idOrPrefix { return .caw(exact) }
      if let ids = try? reader.sessionIDs() { matches += ids.filter { $0.hasPrefix(idOrPrefix) }.map(Location.caw) }
    }
    for origin in SessionOrigin.native where origins.contains(origin) {
      let found = nativeLocations(origin).filter { $0.id.hasPrefix(idOrPrefix) }
      if let exact = found.first(where: { $0.id == idOrPrefix }), !matches.contains(where: { $0.id == idOrPrefix }) {
        return exact
      }
      matches += found
    }
    // A native record a caw session recorded (same id) is that session.
    var unique: [Location] = []
    for match in matches where !unique.contains(where: { $0.id == match.id }) { unique.append(match) }
    switch unique.count {
    case 1: return unique[0]
    case 0:
      let searched = origins.sorted().map(\.rawValue).joined(separator: ", ")
      throw CawError(.sessionNotFound, "no session '\(idOrPrefix)' (searched: \(searched.isEmpty ? "nothing" : searched))")
    default:
      let shown = unique.prefix(5).map(\.id).joined(separator: ", ")
      throw CawError(.ambiguousSession, "'\(idOrPrefix)' matches \(unique.count) sessions: \(shown)\(unique.count > 5 ? ", …" : "")")
    }
  }

  /// Where the session a listing summarised lives (for a native record, the key its store finds it by).
  public static func location(of summary: SessionSummary) -> Location {
    switch summary.origin {
    case .caw: return .caw(summary.id)
    case .opencode where summary.source == .opencodeDatabase:
      return .native(.opencode, key: OpencodeStore.key(database: summary.path, id: summary.id), id: summary.id)
    case .claude, .codex, .opencode: return .native(summary.origin, key: summary.path, id: summary.id)
    }
  }

  /// Where the native record folded into the caw session `summary` lives (nil when none was folded in).
  public static func linkedLocation(of summary: SessionSummary) -> Location? {
    guard summary.origin == .caw, let path = summary.nativePath, !summary.resumeKey.isEmpty,
      let provider = Provider(name: summary.agent)
    else { return nil }
    let origin = SessionOrigin(provider: provider)
    let id = summary.resumeKey
    if origin == .opencode, FileSystem.baseName(of: path) == "opencode.db" {
      return .native(.opencode, key: OpencodeStore.key(database: path, id: id), id: id)
    }
    return .native(origin, key: path, id: id)
  }

  /// The locations of one store's sessions (names only: nothing is parsed).
  func nativeLocations(_ origin: SessionOrigin) -> [Location] {
    switch origin {
    case .caw: return []
    case .claude:
      return stores.claudeTranscripts().map { .native(.claude, key: $0, id: String(FileSystem.baseName(of: $0).dropLast(6))) }
    case .codex:
      return stores.codexRollouts().map { .native(.codex, key: $0, id: NativeStores.codexThreadID(fileName: FileSystem.baseName(of: $0))) }
    case .opencode:
      guard let data = stores.opencodeData else { return [] }
      return OpencodeStore(dataDirectory: data).sessions().map { .native(.opencode, key: $0.key, id: $0.id) }
    }
  }

  /// Loads the session named by `idOrPrefix` (see ``locate(_:)``).
  public func load(_ idOrPrefix: String, skimmingContent: Bool = false) throws(CawError) -> LoadedSession {
    try load(locate(idOrPrefix), skimmingContent: skimmingContent)
  }

  /// Loads the session at `location`; a caw session's native record is looked up and named in it.
  public func load(_ location: Location, skimmingContent: Bool = false) throws(CawError) -> LoadedSession {
    switch location {
    case .caw(let id):
      guard let dataDirectory else { throw CawError(.sessionNotFound, "no caw data directory") }
      var loaded = try SessionReader(dataDirectory).load(id, skimmingContent: skimmingContent)
      if let trajectory = loaded.trajectory { loaded.nativeRecord = linkedRecord(of: trajectory) }
      return loaded
    case .native(let origin, let key, _):
      return loadNative(origin, key: key, skimmingContent: skimmingContent)
    }
  }

  /// Reads one native record.
  func loadNative(_ origin: SessionOrigin, key: String, skimmingContent: Bool) -> LoadedSession {
    switch origin {
    case .claude: return ClaudeTranscript.load(path: key, pricing: pricing, skimmingContent: skimmingContent)
    case .codex: return CodexRollout.load(path: key, pricing: pricing, skimmingContent: skimmingContent)
    case .opencode, .caw:
      let store = OpencodeStore(dataDirectory: stores.opencodeData ?? "")
      guard let ref = store.ref(forKey: key) else {
        var missing = LoadedSession(native: .opencode, id: key, path: key, source: .opencodeDatabase)
        missing.brokenReason = "no longer in opencode's store"
        return missing
      }
      return store.load(ref, pricing: pricing, skimmingContent: skimmingContent)
    }
  }

  /// What the native record linked to a caw session adds to it (nil when there is no linked record).
  public func additions(for session: LoadedSession) -> NativeAdditions? {
    guard session.origin == .caw, let trajectory = session.trajectory, let record = session.nativeRecord else { return nil }
    guard let native = loadNative(record.origin, key: record.path, skimmingContent: false).trajectory else { return nil }
    return NativeAdditions(caw: trajectory, native: native)
  }

  /// The agent's own record of a caw session: found by the session's resume key in its provider's store.
  public func linkedRecord(of trajectory: Trajectory) -> NativeRecord? {
    guard let provider = Provider(name: trajectory.agent), let key = provider.resumeKey(from: trajectory) else { return nil }
    let origin = SessionOrigin(provider: provider)
    let found = nativeLocations(origin).first { $0.id == key }
    guard case .native(_, let path, _)? = found else { return nil }
    return NativeRecord(origin: origin, path: path, resumeKey: key)
  }
}
