import CawCore
import Foundation

extension Benchmarks {
  /// Listing the same sessions from the agents' own stores (``NativeBenchTree``), beside the caw tree's figures.
  func nativeFigures(_ native: NativeBenchTree) throws -> [Figure] {
    let stores = NativeStores(environment: ["HOME": native.home])
    let catalog = SessionCatalog(dataDirectory: nil, stores: stores, origins: [.claude, .codex], pricing: .builtIn)
    let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-native-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
    var figures: [Figure] = []
    figures.append(timed("every native summary, no index") { renderList(catalog.list(cacheDirectory: nil).summaries) })
    _ = catalog.list(cacheDirectory: cacheDirectory)
    figures.append(
      timed("every native summary, with the index", target: .atMost(300)) {
        renderList(catalog.list(cacheDirectory: cacheDirectory).summaries)
      })
    let environment = ["XDG_CACHE_HOME": cacheDirectory, "PATH": "/usr/bin:/bin", "HOME": native.home]
    figures += try listProcessFigures("list --source claude,codex", arguments: ["list", "--source", "claude,codex"], environment: environment)
    return figures + (try nativeSearchFigures(native, catalog: catalog, cacheDirectory: cacheDirectory))
  }

  /// The bytes of the files under `root`.
  private static func bytes(under root: String) -> Int {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
    var total = 0
    for case let relative as String in walker {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + relative),
        attributes[.type] as? FileAttributeType == .typeRegular
      else { continue }
      total += attributes[.size] as? Int ?? 0
    }
    return total
  }

  /// The search index over the same stores: its first build (once), a query beside `grep -rF` of its
  /// phrase over the stores, and the CLI's search.
  private func nativeSearchFigures(_ native: NativeBenchTree, catalog: SessionCatalog, cacheDirectory: String) throws -> [Figure] {
    let index = try SQLiteSearchIndex(catalog: catalog, cacheDirectory: cacheDirectory + "/search")
    let cpuStart = Measure.cpuTime(RUSAGE_SELF.rawValue)
    let start = DispatchTime.now().uptimeNanoseconds
    let built = try index.refresh()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = Measure.cpuTime(RUSAGE_SELF.rawValue) - cpuStart
    guard built.sessionsIndexed == native.files else {
      throw BenchError("native search: indexed \(built.sessionsIndexed) of \(native.files) sessions")
    }
    var figures = [
      Figure(name: "search index of the stores, first build", value: seconds * 1000, cpu: cpu * 1000, python: nil, unit: "ms", target: .atMost(60_000))
    ]
    let query = try SearchQuery("\"naive datetime\"")
    guard try !index.search(query, limit: 50).hits.isEmpty else { throw BenchError("native search: no hit") }
    let grep = try SearchBenchmarks.grepSeconds("naive datetime", in: native.home, runs: runs) * 1000
    let timing = try Measure.median(runs: max(runs, 5)) { _ = try index.search(query, limit: 50) }
    figures.append(
      Figure(name: "search: common phrase, 50 hits (baseline: grep -rF)", value: timing.seconds * 1000, cpu: timing.cpuSeconds * 1000, python: grep, unit: "ms", target: .atMost(50)))
    let mib = { (bytes: Int) in Double(bytes) / 1_048_576 }
    let stores = mib(Self.bytes(under: native.home))
    figures.append(
      Figure(name: "search index on disk (baseline: the stores)", value: mib(try index.status().bytesOnDisk), python: stores, unit: "MiB", target: .atMost(stores)))
    return figures
  }
}
