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
    return figures
      + (try listProcessFigures("list --source claude,codex", arguments: ["list", "--source", "claude,codex"], environment: environment))
  }
}
