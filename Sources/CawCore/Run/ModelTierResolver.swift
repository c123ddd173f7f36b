import OrderedCollections
import Foundation

/// Resolves a model tier to a model name as caw 0.1.9 does (spec §6.2): environment variable, then the
/// user's `$CAW_HOME/config.json`, then caw's cached copy of its remote defaults, then the baked
/// defaults. It never fetches anything: where caw would refetch a stale cache, the cache is used, which
/// is also what caw falls back to when the fetch fails or is disabled.
public struct ModelTierResolver: Sendable {
  /// Where a resolved model came from, in `caw config list`'s words.
  public enum Source: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case user
    case remoteCache
    case baked

    /// caw's label for the source.
    public var description: String {
      switch self {
      case .environment(let name): return "env:\(name)"
      case .user: return "user"
      case .remoteCache: return "remote"
      case .baked: return "baked"
      }
    }
  }

  /// A resolution: the model (nil means "pass no model flag") and where it came from.
  public struct Resolution: Sendable, Equatable {
    /// The model name, or nil for the provider's own default.
    public var model: String?
    /// Where the answer came from.
    public var source: Source
  }

  /// The process environment to read.
  public var environment: [String: String]

  /// Creates a resolver over an environment (defaults to the process's).
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// caw's baked `defaults/models.json`.
  static let baked: [Provider: [ModelTier: String?]] = [
    .claudeCode: [.strongest: "opus", .fast: "claude-haiku-4-5-20251001"],
    .codex: [.strongest: nil, .fast: "gpt-5.3-codex-spark"],
    .opencode: [.strongest: "openai/gpt-5.5", .fast: "openai/gpt-5.3-codex-spark"],
  ]

  /// The environment variable that overrides a tier, if the provider has one.
  static func environmentVariable(_ provider: Provider, _ tier: ModelTier) -> String? {
    switch (provider, tier) {
    case (.claudeCode, .strongest): return "ANTHROPIC_MODEL"
    case (.claudeCode, .fast): return "ANTHROPIC_SMALL_FAST_MODEL"
    case (.opencode, .strongest): return "OPENCODE_MODEL"
    case (.opencode, .fast): return "OPENCODE_SMALL_FAST_MODEL"
    case (.codex, _): return nil
    }
  }

  /// `$CAW_HOME`, default `~/.caw`.
  public var cawHome: String {
    if let home = environment["CAW_HOME"], !home.isEmpty { return home }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/.caw"
  }

  /// Resolves `tier` for `provider`. A tier present but `null` (or `""`) in a file means "no model flag".
  public func resolve(_ tier: ModelTier, for provider: Provider) -> Resolution {
    if let name = Self.environmentVariable(provider, tier), let value = environment[name], !value.isEmpty {
      return Resolution(model: value, source: .environment(name))
    }
    if let entry = Self.entry(in: cawHome + "/config.json", provider, tier) {
      return Resolution(model: entry, source: .user)
    }
    if let entry = Self.entry(in: cawHome + "/cache/models.json", provider, tier) {
      return Resolution(model: entry, source: .remoteCache)
    }
    return Resolution(model: Self.baked[provider]?[tier] ?? nil, source: .baked)
  }

  /// The entry a `{"models": {provider: {tier: model}}}` file has for the tier: `.some(nil)` when the
  /// tier is there but null or empty, nil when it is absent. The canonical provider key is looked at
  /// first, then caw's aliases (`claude`, `cc`).
  static func entry(in path: String, _ provider: Provider, _ tier: ModelTier) -> String?? {
    guard let bytes = try? FileSystem.read(path), let root = try? JSONParser.parse(bytes),
      let models = root["models"]?.objectValue
    else { return nil }
    let keys = [provider.rawValue] + models.keys.filter { $0 != provider.rawValue && Provider(name: $0) == provider }
    for key in keys {
      guard let tiers = models[key]?.objectValue, let value = tiers[tier.rawValue] else { continue }
      guard let model = value.stringValue, !model.isEmpty else { return .some(nil) }
      return .some(model)
    }
    return nil
  }
}
