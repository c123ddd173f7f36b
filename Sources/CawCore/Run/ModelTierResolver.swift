import OrderedCollections
import Foundation

/// Resolves a model tier to a model name as caw 0.1.9 does (spec §6.2): environment variable, then the
/// user's `$CAW_HOME/config.json`, then a still-fresh cached copy of caw's remote defaults, then the
/// baked defaults. It never fetches anything from the network.
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
  /// The current time, for the cache's freshness.
  public var now: Date

  /// Creates a resolver over an environment (defaults to the process's).
  public init(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) {
    self.environment = environment
    self.now = now
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

  /// Resolves `tier` for `provider`.
  public func resolve(_ tier: ModelTier, for provider: Provider) -> Resolution {
    if let name = Self.environmentVariable(provider, tier), let value = environment[name], !value.isEmpty {
      return Resolution(model: value, source: .environment(name))
    }
    if let entry = Self.entry(in: cawHome + "/config.json", provider, tier) {
      return Resolution(model: entry, source: .user)
    }
    if remoteCacheIsFresh, let entry = Self.entry(in: cawHome + "/cache/models.json", provider, tier) {
      return Resolution(model: entry, source: .remoteCache)
    }
    return Resolution(model: Self.baked[provider]?[tier] ?? nil, source: .baked)
  }

  /// Whether caw would still use its cached remote defaults instead of fetching them again.
  var remoteCacheIsFresh: Bool {
    let url = (environment["CAW_DEFAULTS_URL"] ?? "").lowercased()
    if ["off", "none", "disable", "disabled", "0"].contains(url) { return false }
    if environment["CAW_DEFAULTS_URL"] != nil && url.isEmpty { return false }
    let ttl = Double(environment["CAW_DEFAULTS_TTL"] ?? "") ?? 86_400
    let path = cawHome + "/cache/models.json"
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let modified = attributes[.modificationDate] as? Date
    else { return false }
    return now.timeIntervalSince(modified) < ttl
  }

  /// The model a `{"models": {provider: {tier: model}}}` file names, accepting caw's provider aliases.
  static func entry(in path: String, _ provider: Provider, _ tier: ModelTier) -> String? {
    guard let bytes = try? FileSystem.read(path), let root = try? JSONParser.parse(bytes),
      let models = root["models"]?.objectValue
    else { return nil }
    for (name, tiers) in models where Provider(name: name) == provider {
      if let model = tiers[tier.rawValue]?.stringValue, !model.isEmpty { return model }
    }
    return nil
  }
}
