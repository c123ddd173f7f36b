import ArgumentParser
import CawCore
import Foundation

/// Where the sessions come from: `--data-dir`, `$CAW_DATA_DIR`, `./caw_data`, or the bundled demo.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "The caw data directory (default: $CAW_DATA_DIR, else ./caw_data).")
  var dataDir: String?

  @Flag(name: .long, help: "Use the bundled demo data instead of a data directory.")
  var demo = false

  /// Runs `body` with the data directory; the demo tree is written to a temporary directory and removed after.
  func withDataDirectory<T>(_ body: (DataDirectory) throws -> T) throws -> T {
    guard demo else {
      return try body(DataDirectory.resolve(explicit: dataDir, environment: ProcessInfo.processInfo.environment))
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("caw-tui-demo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("caw_data").path
    try DemoTree.write(to: data, now: Date().timeIntervalSince1970)
    return try body(DataDirectory(data))
  }

  /// The data directory new turns are written to; the demo tree is not one.
  func liveDataDirectory() throws -> DataDirectory {
    guard !demo else { throw ValidationError("--demo data is temporary and read-only; pass --data-dir to record sessions") }
    return DataDirectory.resolve(explicit: dataDir, environment: ProcessInfo.processInfo.environment)
  }

  /// Loads the session named by `idOrPrefix`, failing with the reason when it is broken; with
  /// `skimmingContent`, blocks' text and tool outputs are left out (see ``SessionReader/load(_:skimmingContent:)``).
  func loadReadableSession(_ idOrPrefix: String, skimmingContent: Bool = false) throws -> (LoadedSession, Trajectory) {
    let loaded = try withDataDirectory { try SessionReader($0).load(idOrPrefix, skimmingContent: skimmingContent) }
    guard let trajectory = loaded.trajectory else {
      throw CawError(.unreadable, "session \(loaded.id) is broken: \(loaded.brokenReason ?? "unreadable")")
    }
    return (loaded, trajectory)
  }
}
