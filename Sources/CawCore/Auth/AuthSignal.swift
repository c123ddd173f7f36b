import Foundation

/// A provider's credentials as far as they can be seen without using them (caw's `AuthSignal`, for
/// `doctor`): claude's account files and OAuth expiry or `$ANTHROPIC_API_KEY`, codex's `auth.json` or
/// `$OPENAI_API_KEY`, opencode's `auth.json`. Only presence and caw's summaries: never a secret.
public struct AuthSignal: Sendable, Equatable {
  /// Whether a credential source (a file or a known variable) was found.
  public var present: Bool
  /// caw's one-line summary, e.g. `Account: a@b.c, Org: X, Token expires: …; $ANTHROPIC_API_KEY set`.
  public var detail: String
  /// claude's OAuth token expiry (seconds since 1970), when readable.
  public var tokenExpiry: Double?
  /// Whether that token has expired; nil when unknown or not an OAuth token.
  public var tokenExpired: Bool?

  /// The signal for `provider` in the environment `environment` (its `HOME` and API-key variables).
  public static func check(_ provider: Provider, environment: [String: String], now: Date = Date()) -> AuthSignal {
    let home = environment["HOME"] ?? NSHomeDirectory()
    let agent: AuthAgent
    let variables: [String]
    switch provider {
    case .claudeCode: (agent, variables) = (.claude, ["ANTHROPIC_API_KEY"])
    case .codex: (agent, variables) = (.codex, ["OPENAI_API_KEY"])
    case .opencode: (agent, variables) = (.opencode, [])
    }
    let missing = agent.missingFiles(home: home)
    let variable = variables.first { !(environment[$0] ?? "").isEmpty }
    var parts: [String] = []
    if missing.isEmpty { parts.append(agent.describe(home: home)) }
    if let variable { parts.append("$\(variable) set") }
    let present = missing.isEmpty || variable != nil
    if !present { parts.append(missing.first.map { "no credentials (\($0) missing)" } ?? "no credentials found") }
    var signal = AuthSignal(present: present, detail: parts.joined(separator: "; "))
    if provider == .claudeCode,
      let credentials = AuthAgent.readObject(PythonPath.join(home, ".claude/.credentials.json")),
      let expiry = AuthAgent.claudeExpiry(credentials)
    {
      signal.tokenExpiry = expiry
      signal.tokenExpired = expiry < now.timeIntervalSince1970
    }
    return signal
  }
}
