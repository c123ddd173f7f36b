import ArgumentParser
import CawCore
import Foundation

/// Where the sessions come from: `--data-dir`, `$CAW_DATA_DIR`, `./caw_data`, or the bundled demo.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "The caw data directory (default: $CAW_DATA_DIR, else ./caw_data).")
  var dataDir: String?

  @Flag(name: .long, help: "Use the bundled demo data instead of a data directory.")
  var demo = false

  @Option(
    name: .customLong("source"),
    help: ArgumentHelp(
      "Where sessions come from: caw, claude, codex, opencode, or all (repeatable).",
      discussion: """
        Default: the caw data directory and every agent store present (~/.claude, ~/.codex, \
        ~/.local/share/opencode); with --data-dir or --demo, that caw tree only.
        """))
  var sources: [String] = []

  /// The origins asked for with `--source`, or the default: every store present, or only the caw tree
  /// when one was named with `--data-dir` or `--demo`.
  func origins(for directory: DataDirectory, stores: NativeStores) throws -> Set<SessionOrigin> {
    var chosen = Set<SessionOrigin>()
    for name in sources.flatMap({ $0.split(separator: ",").map(String.init) }) {
      if name == "all" {
        chosen.formUnion(SessionOrigin.allCases)
      } else if let origin = SessionOrigin(rawValue: name) ?? (name == "claude_code" ? .claude : nil) {
        chosen.insert(origin)
      } else {
        throw ValidationError("--source must be caw, claude, codex, opencode or all (got '\(name)')")
      }
    }
    if !chosen.isEmpty { return chosen }
    if demo || dataDir.map({ !$0.isEmpty }) == true { return [.caw] }
    return SessionCatalog.presentOrigins(dataDirectory: directory, stores: stores)
  }

  /// Runs `body` with the catalog of the chosen sources (the demo tree written to a temporary directory
  /// and removed after).
  func withCatalog<T>(_ body: (SessionCatalog) throws -> T) throws -> T {
    let environment = ProcessInfo.processInfo.environment
    let stores = NativeStores(environment: environment)
    let pricing = try PricingTable.load(environment: environment)
    return try withDataDirectory { directory in
      try body(
        SessionCatalog(
          dataDirectory: directory, stores: stores, origins: try origins(for: directory, stores: stores), pricing: pricing))
    }
  }

  /// Runs `body` with the data directory; the demo tree is written to a temporary directory, removed on
  /// every way out (see ``ScratchDirectory``).
  func withDataDirectory<T>(_ body: (DataDirectory) throws -> T) throws -> T {
    guard demo else {
      return try body(DataDirectory.resolve(explicit: dataDir, environment: ProcessInfo.processInfo.environment))
    }
    // Removed however caw-tui ends: here on a return or an error, by its watcher on a signal or a crash.
    let root = try ScratchDirectory(prefix: "caw-tui-demo")
    defer { root.remove() }
    let data = root.path + "/caw_data"
    try DemoTree.write(to: data, now: Date().timeIntervalSince1970)
    return try body(DataDirectory(data))
  }

  /// Every session's summary of the chosen sources, newest first, through the summary cache unless
  /// `noCache` (or `--demo`); a source that cannot be read is reported on standard error.
  func listSessions(noCache: Bool) throws -> [SessionSummary] {
    let cacheDirectory = noCache || demo ? nil : SummaryCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
    let listing = try withCatalog { catalog in
      let listing = catalog.list(cacheDirectory: cacheDirectory)
      // A caw tree that cannot be read is an error when it is all that was asked for.
      if catalog.origins == [.caw], let failure = listing.failures[.caw] { throw CawError(.sessionNotFound, failure) }
      // Nothing anywhere: say why the caw tree was not read, and where else was looked.
      if listing.summaries.isEmpty, !catalog.origins.contains(.caw), sources.isEmpty, let directory = catalog.dataDirectory {
        do throws(CawError) {
          _ = try SessionReader(directory).sessionIDs()
        } catch {
          let searched = SessionOrigin.native.map { "\($0.rawValue): \(catalog.stores.location(of: $0))" }.joined(separator: ", ")
          throw CawError(.sessionNotFound, error.message + "; no agent sessions either (looked in \(searched))")
        }
      }
      return listing
    }
    for (origin, failure) in listing.failures.sorted(by: { $0.key < $1.key }) {
      printError("caw-tui: \(origin.rawValue): \(TextSanitizer.singleLine(failure))")
    }
    return listing.summaries
  }

  /// The data directory new turns are written to; the demo tree is not one.
  func liveDataDirectory() throws -> DataDirectory {
    guard !demo else { throw ValidationError("--demo data is temporary and read-only; pass --data-dir to record sessions") }
    return DataDirectory.resolve(explicit: dataDir, environment: ProcessInfo.processInfo.environment)
  }

  /// Loads the session named by `idOrPrefix`, failing with the reason when it is broken; with
  /// `skimmingContent`, blocks' text and tool outputs are left out (see ``SessionReader/load(_:skimmingContent:)``).
  func loadReadableSession(_ idOrPrefix: String, skimmingContent: Bool = false) throws -> (LoadedSession, Trajectory) {
    let loaded = try withCatalog { try $0.load(idOrPrefix, skimmingContent: skimmingContent) }
    guard let trajectory = loaded.trajectory else {
      throw CawError(.unreadable, "session \(loaded.id) is broken: \(loaded.brokenReason ?? "unreadable")")
    }
    return (loaded, trajectory)
  }

  /// Where the search index of `directory` lives: the cache directory, or beside the temporary demo
  /// tree (nil when there is no cache directory: no XDG_CACHE_HOME or HOME).
  func searchIndexDirectory(for directory: DataDirectory) -> String? {
    if demo { return URL(fileURLWithPath: directory.path).deletingLastPathComponent().path + "/cache" }
    return SummaryCache.defaultDirectory(environment: ProcessInfo.processInfo.environment)
  }

  /// What the TUI's title bar names as its sources: the caw tree's path and each agent store listed.
  func title(of catalog: SessionCatalog) -> String {
    if demo { return "bundled demo data" }
    let path = catalog.dataDirectory?.path ?? ""
    return catalog.origins.sorted().map { $0 == .caw ? path : $0.rawValue }.joined(separator: " + ")
  }
}
