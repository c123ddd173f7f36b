import OrderedCollections
import Foundation

/// USD prices per million tokens, keyed by agent then model, in the shape of caw's `pricing.json`
/// (`input`, `cached_input`, `output`, plus an optional `cache_write` caw does not have).
///
/// The built-in table covers caw's entries and current Claude and OpenAI models. A user file (same
/// shape) replaces entries model by model: `$CAW_TUI_PRICING`, else `$XDG_CONFIG_HOME/caw-tui/pricing.json`,
/// else `~/.config/caw-tui/pricing.json`.
public struct PricingTable: Sendable, Equatable {
  /// One model's prices per million tokens.
  public struct Rate: Sendable, Equatable {
    /// Uncached input tokens.
    public var input: Double
    /// Input tokens read from the cache.
    public var cachedInput: Double
    /// Output tokens.
    public var output: Double
    /// Tokens written to the cache; nil means they are not billed (caw's rule).
    public var cacheWrite: Double?
  }

  /// Prices by agent (`claude_code`, `codex`, `opencode`) then model.
  public private(set) var rates: [String: [String: Rate]]
  /// The user file that was merged in, if any.
  public private(set) var userFile: String?

  /// Parses a table in `pricing.json` shape; keys starting with `_` are comments.
  public init(json: JSONValue, userFile: String? = nil) throws(CawError) {
    guard let agents = json.objectValue else {
      throw CawError(.invalidArgument, "a pricing table must be a JSON object of agents")
    }
    var rates: [String: [String: Rate]] = [:]
    for (agent, models) in agents where !agent.hasPrefix("_") {
      guard let models = models.objectValue else {
        throw CawError(.invalidArgument, "pricing for '\(agent)' must be an object of models")
      }
      for (model, prices) in models where !model.hasPrefix("_") {
        func price(_ key: String) -> Double? { prices[key]?.numberValue?.doubleValue }
        guard prices.objectValue != nil, let input = price("input"), let output = price("output") else {
          throw CawError(.invalidArgument, "pricing for '\(agent)' model '\(model)' needs numbers 'input' and 'output'")
        }
        let agentKey = Provider(name: agent)?.rawValue ?? agent
        rates[agentKey, default: [:]][model] = Rate(
          input: input, cachedInput: price("cached_input") ?? 0, output: output, cacheWrite: price("cache_write"))
      }
    }
    self.rates = rates
    self.userFile = userFile
  }

  /// The built-in table.
  public static let builtIn: PricingTable = {
    do {
      return try PricingTable(json: JSONParser.parse(Array(builtInJSON.utf8)))
    } catch {
      preconditionFailure("built-in pricing table does not parse: \(error)")
    }
  }()

  /// The built-in table with the user's file merged in; a broken user file is an error naming it.
  public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CawError)
    -> PricingTable
  {
    var table = builtIn
    guard let path = userFilePath(environment: environment) else { return table }
    let explicit = environment["CAW_TUI_PRICING"].map { !$0.isEmpty } ?? false
    guard FileSystem.status(path) != nil || explicit else { return table }
    let bytes = try FileSystem.read(path)
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw CawError(.invalidArgument, "pricing file \(path) is not valid JSON: \(error)")
    }
    let user: PricingTable
    do { user = try PricingTable(json: json) } catch { throw CawError(.invalidArgument, "pricing file \(path): \(error.message)") }
    for (agent, models) in user.rates {
      table.rates[agent, default: [:]].merge(models) { _, new in new }
    }
    table.userFile = path
    return table
  }

  /// Where the user's pricing file is looked for.
  public static func userFilePath(environment: [String: String]) -> String? {
    if let path = environment["CAW_TUI_PRICING"], !path.isEmpty { return path }
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/caw-tui/pricing.json" }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/caw-tui/pricing.json"
  }

  /// The rate for `model` under `provider`: the exact name first (caw's rule), then the name without a
  /// `-YYYYMMDD` date, a `[1m]`-style suffix or a `vendor/` prefix, then the same names under other agents.
  public func rate(for provider: Provider, model: String) -> Rate? {
    guard !model.isEmpty else { return nil }
    let names = Self.candidateNames(model)
    let agents = [provider.rawValue] + rates.keys.sorted().filter { $0 != provider.rawValue }
    for agent in agents {
      for name in names {
        if let rate = rates[agent]?[name] { return rate }
      }
    }
    return nil
  }

  /// The cost of `usage` in USD, nil when the model has no price. Same arithmetic as caw's
  /// `compute_cost`, plus cache writes when the rate prices them.
  public func cost(for provider: Provider, model: String, usage: UsageStats) -> Double? {
    guard let rate = rate(for: provider, model: model) else { return nil }
    var total =
      Double(usage.inputTokens) * rate.input + Double(usage.cacheReadTokens) * rate.cachedInput
      + Double(usage.outputTokens) * rate.output
    if let write = rate.cacheWrite { total += Double(usage.cacheWriteTokens) * write }
    return total / 1_000_000
  }

  /// The table as JSON in `pricing.json` shape, sorted, for `caw-tui pricing`.
  public var jsonValue: JSONValue {
    var root: JSONObject = ["_comment": "USD per 1 million tokens, keyed by agent then model"]
    for agent in rates.keys.sorted() {
      var models = JSONObject()
      for (model, rate) in rates[agent, default: [:]].sorted(by: { $0.key < $1.key }) {
        var entry: JSONObject = [
          "input": .number(.double(rate.input)), "cached_input": .number(.double(rate.cachedInput)),
          "output": .number(.double(rate.output)),
        ]
        if let write = rate.cacheWrite { entry["cache_write"] = .number(.double(write)) }
        models[model] = .object(entry)
      }
      root[agent] = .object(models)
    }
    return .object(root)
  }

  /// The names `model` is looked up under, most specific first.
  static func candidateNames(_ model: String) -> [String] {
    var names = [model]
    func add(_ name: String) { if !name.isEmpty && !names.contains(name) { names.append(name) } }
    for name in names {
      if let bracket = name.firstIndex(of: "[") { add(String(name[..<bracket])) }
    }
    for name in names {
      if let slash = name.lastIndex(of: "/") { add(String(name[name.index(after: slash)...])) }
    }
    for name in names {
      let parts = name.split(separator: "-")
      if let last = parts.last, last.count == 8, last.allSatisfy(\.isNumber) {
        add(parts.dropLast().joined(separator: "-"))
      }
    }
    return names
  }
}
