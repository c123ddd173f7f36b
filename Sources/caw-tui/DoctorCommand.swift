import ArgumentParser
import CawCore
import Foundation

/// `caw-tui doctor`: which agent CLIs are installed, their versions, model tiers and prices in use.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor", abstract: "Report each provider's CLI and version, the model tiers and the price table.")

  @OptionGroup var data: DataOptions

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let locator = ExecutableLocator(environment: environment)
    var rows = TextTable(columns: [.init("PROVIDER"), .init("CLI"), .init("VERSION")])
    var missing: [String] = []
    for provider in Provider.allCases {
      guard let path = locator.locate(provider) else {
        rows.add([provider.rawValue, "not found", "-"])
        missing.append(ExecutableLocator.installHint(provider))
        continue
      }
      rows.add([provider.rawValue, path, await Self.version(of: path)])
    }
    print(rows.render(), terminator: "")
    for hint in missing { print("  " + hint) }

    print("\nModel tiers (as caw 0.1.9 resolves them; no network fetch):")
    let resolver = ModelTierResolver(environment: environment)
    var tiers = TextTable(columns: [.init("PROVIDER"), .init("TIER"), .init("MODEL"), .init("SOURCE")])
    for provider in Provider.allCases {
      for tier in ModelTier.allCases {
        let resolution = resolver.resolve(tier, for: provider)
        tiers.add([provider.rawValue, tier.rawValue, resolution.model ?? "(provider default)", resolution.source.description])
      }
    }
    print(tiers.render(), terminator: "")

    let pricing = try PricingTable.load(environment: environment)
    let models = pricing.rates.values.reduce(0) { $0 + $1.count }
    let file = pricing.userFile ?? "none (\(PricingTable.userFilePath(environment: environment) ?? "no HOME") would be read)"
    print("\nPrices: \(models) models built in or overridden; user file: \(file)")
    print("Data directory: \(DataDirectory.resolve(explicit: data.dataDir, environment: environment).path)")
  }

  /// The first line `CLI --version` prints, or why there is none (10 s limit).
  static func version(of path: String) async -> String {
    let lines = LineCollector()
    let probe = Task {
      try await SubprocessLauncher(gracePeriod: .seconds(1)).run(Invocation(executable: path, arguments: ["--version"])) {
        line in
        if case .line(let bytes) = line { lines.append(String(decoding: bytes, as: UTF8.self)) }
      }
    }
    let timeout = Task {
      try await Task.sleep(for: .seconds(10))
      probe.cancel()
    }
    defer { timeout.cancel() }
    do {
      let exit = try await probe.value
      let first = lines.first.map { TextSanitizer.singleLine($0, limit: 60) }
      if let first, !first.isEmpty { return first }
      return exit.succeeded ? "(printed nothing)" : "(exit \(exit.exitCode.map(String.init) ?? "signal"))"
    } catch {
      return "(no answer to --version)"
    }
  }
}

/// Lines gathered from a callback.
private final class LineCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var first: String? { lock.withLock { lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } } }
}
