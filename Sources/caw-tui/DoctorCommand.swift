import ArgumentParser
import CawCore
import Foundation

/// `caw-tui doctor`: which agent CLIs are installed, their versions, model tiers and prices in use.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Report each provider's CLI and version, its credentials, the model tiers and the price table.")

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
    if getuid() == 0, (environment["IS_SANDBOX"] ?? "").isEmpty, locator.locate(.claudeCode) != nil {
      print("  note: running as root, claude refuses --dangerously-skip-permissions unless IS_SANDBOX=1 is set")
    }

    print("\nCredentials (as caw doctor sees them; nothing is used or printed but presence and expiry):")
    var auth = TextTable(columns: [.init("PROVIDER"), .init("AUTH"), .init("DETAIL")])
    for provider in Provider.allCases {
      let signal = AuthSignal.check(provider, environment: environment)
      let state = signal.tokenExpired == true ? "expired" : (signal.present ? "present" : "missing")
      auth.add([provider.rawValue, state, TextSanitizer.singleLine(signal.detail, limit: 160)])
    }
    print(auth.render(), terminator: "")

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
    switch await CLIVersion.probe(path) {
    case .success(let version): return TextSanitizer.singleLine(version.text, limit: 60)
    case .failure(let failure): return failure.description
    }
  }
}
