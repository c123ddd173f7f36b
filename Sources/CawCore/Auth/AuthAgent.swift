import Foundation
import OrderedCollections

/// An agent whose credentials `auth` manages, with where it keeps them (caw's `caw.auth.providers`).
public enum AuthAgent: String, Sendable, CaseIterable {
  case claude, codex, opencode

  /// A staged file: its manifest entry and the bytes to write.
  public struct Collected: Sendable {
    /// The manifest entry.
    public var file: AuthManifest.File
    /// The content (a credential's content is a secret: never print it).
    public var content: [UInt8]
  }

  /// The container home caw's staged configs trust.
  static let containerHome = "/home/playground"

  /// The credential files that must exist under `home`, as full paths, that do not.
  public func missingFiles(home: String) -> [String] {
    required.map { PythonPath.join(home, $0) }.filter { !FileManager.default.fileExists(atPath: $0) }
  }

  private var required: [String] {
    switch self {
    case .claude: return [".claude.json", ".claude/.credentials.json"]
    case .codex: return [".codex/auth.json"]
    case .opencode: return [".local/share/opencode/auth.json"]
    }
  }

  /// The credential file a container gets bind-mounted, relative to the home.
  public var credentialFile: String { required.last! }

  /// caw's one-line account summary (no secret in it): claude's account, organisation and token
  /// expiry; which kinds of codex credentials are there; opencode's providers.
  public func describe(home: String) -> String {
    switch self {
    case .claude:
      guard let config = Self.readObject(PythonPath.join(home, ".claude.json")),
        let credentials = Self.readObject(PythonPath.join(home, ".claude/.credentials.json"))
      else { return "Could not read account info" }
      let account = config["oauthAccount"]?.objectValue ?? [:]
      var parts = [
        "Account: \(account["emailAddress"]?.stringValue ?? "unknown")",
        "Org: \(account["organizationName"]?.stringValue ?? "unknown")",
      ]
      if let expiry = Self.claudeExpiry(credentials) {
        parts.append("Token expires: \(ISOTime.string(secondsSince1970: expiry))")
      }
      return parts.joined(separator: ", ")
    case .codex:
      guard let auth = Self.readObject(PythonPath.join(home, ".codex/auth.json")) else { return "Could not read auth info" }
      var parts: [String] = []
      if auth["OPENAI_API_KEY"]?.isTruthy == true { parts.append("API key present") }
      if ["tokens", "token", "access_token"].contains(where: { auth[$0]?.isTruthy == true }) {
        parts.append("OAuth tokens present")
      }
      return parts.isEmpty ? "Auth file found (no recognized keys)" : parts.joined(separator: ", ")
    case .opencode:
      guard let auth = Self.readObject(PythonPath.join(home, ".local/share/opencode/auth.json")) else {
        return "Could not read auth info"
      }
      if auth.isEmpty { return "Auth file present (no providers configured)" }
      let kinds = auth.map { name, entry in "\(name)(\(entry.objectValue?["type"]?.stringValue ?? "unknown"))" }
      return "Providers: " + kinds.joined(separator: ", ")
    }
  }

  /// The files to stage, with caw's manifest entries: credentials bind-mounted from the host, configs
  /// cleaned of the host's projects and copied.
  /// - Throws: ``CawError`` when a file cannot be read or a JSON file is not an object.
  public func collect(home: String) throws(CawError) -> [Collected] {
    switch self {
    case .claude:
      let credentials = try Self.requireObject(PythonPath.join(home, ".claude/.credentials.json"))
      let config = try Self.requireObject(PythonPath.join(home, ".claude.json"))
      return [
        Collected(
          file: .init(
            src: "claude/credentials.json", containerTarget: ".claude/.credentials.json",
            hostOriginal: ".claude/.credentials.json", type: "credential", strategy: "bind", mode: "0600"),
          content: PythonJSONWriter.bytes(.object(credentials), style: .singleLine)),
        Collected(
          file: .init(
            src: "claude/config.json", containerTarget: ".claude.json", hostOriginal: ".claude.json", type: "config",
            strategy: "copy", mode: "0644"),
          content: PythonJSONWriter.bytes(.object(Self.containerClaudeConfig(config)), style: .indented)),
      ]
    case .codex:
      var files = [
        Collected(
          file: .init(
            src: "codex/auth.json", containerTarget: ".codex/auth.json", hostOriginal: ".codex/auth.json",
            type: "credential", strategy: "bind", mode: "0600"),
          content: try FileSystem.read(PythonPath.join(home, ".codex/auth.json")))
      ]
      let configPath = PythonPath.join(home, ".codex/config.toml")
      if FileManager.default.fileExists(atPath: configPath) {
        let text = String(decoding: try FileSystem.read(configPath), as: UTF8.self)
        files.append(
          Collected(
            file: .init(
              src: "codex/config.toml", containerTarget: ".codex/config.toml", hostOriginal: ".codex/config.toml",
              type: "config", strategy: "copy", mode: "0644"),
            content: Array(Self.containerCodexConfig(text).utf8)))
      }
      return files
    case .opencode:
      var files = [
        Collected(
          file: .init(
            src: "opencode/auth.json", containerTarget: ".local/share/opencode/auth.json",
            hostOriginal: ".local/share/opencode/auth.json", type: "credential", strategy: "bind", mode: "0600"),
          content: try FileSystem.read(PythonPath.join(home, ".local/share/opencode/auth.json")))
      ]
      for name in ["opencode.jsonc", "opencode.json"] {
        let path = PythonPath.join(home, ".config/opencode/" + name)
        guard FileManager.default.fileExists(atPath: path) else { continue }
        files.append(
          Collected(
            file: .init(
              src: "opencode/\(name)", containerTarget: ".config/opencode/\(name)",
              hostOriginal: ".config/opencode/\(name)", type: "config", strategy: "copy", mode: "0644"),
            content: try FileSystem.read(path)))
        break
      }
      return files
    }
  }

  // MARK: - Cleaned configs

  /// The `.claude.json` keys a container keeps (the account and onboarding state, nothing about the
  /// host's projects).
  static let claudeKeptKeys: Set<String> = [
    "oauthAccount", "userID", "hasCompletedOnboarding", "lastOnboardingVersion", "numStartups", "installMethod",
    "firstStartTime", "claudeCodeFirstTokenDate", "s1mAccessCache", "passesEligibilityCache", "groveConfigCache",
    "sonnet45MigrationComplete", "opus45MigrationComplete", "opusProMigrationComplete", "thinkingMigrationComplete",
    "autoUpdates",
  ]

  /// The container's `.claude.json`: the kept keys in the host file's order (caw takes them in Python
  /// set order, which changes from run to run), then one trusted-nothing project for the container home.
  static func containerClaudeConfig(_ host: JSONObject) -> JSONObject {
    var clean = host.filter { claudeKeptKeys.contains($0.key) }
    clean["projects"] = .object([
      containerHome: .object([
        "allowedTools": .array([]), "mcpContextUris": .array([]), "mcpServers": .object([:]),
        "enabledMcpjsonServers": .array([]), "disabledMcpjsonServers": .array([]), "hasTrustDialogAccepted": false,
        "projectOnboardingSeenCount": 1, "hasClaudeMdExternalIncludesApproved": false,
        "hasClaudeMdExternalIncludesWarningShown": false, "exampleFiles": .array([]), "lastTotalWebSearchRequests": 0,
      ])
    ])
    return clean
  }

  /// The container's codex `config.toml`: the host's, without its `[project_trust.…]` tables, plus full
  /// trust for the container home.
  static func containerCodexConfig(_ host: String) -> String {
    var lines: [Substring] = []
    var skipping = false
    let normalized = host.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    var body = normalized.split(separator: "\n", omittingEmptySubsequences: false)
    if normalized.isEmpty || normalized.hasSuffix("\n") { body.removeLast() }
    for line in body {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") {
        skipping = trimmed.hasPrefix("[project_trust.")
        if skipping { continue }
      }
      if !skipping { lines.append(line) }
    }
    lines += ["", "[project_trust.\"\(containerHome)\"]", "trust_mode = \"full\"", ""]
    return lines.joined(separator: "\n")
  }

  // MARK: - Reading

  /// claude's OAuth expiry (`claudeAiOauth.expiresAt`, milliseconds) in seconds since 1970.
  static func claudeExpiry(_ credentials: JSONObject) -> Double? {
    guard let number = credentials["claudeAiOauth"]?.objectValue?["expiresAt"]?.numberValue, !number.isZero else { return nil }
    return number.doubleValue / 1000
  }

  static func readObject(_ path: String) -> JSONObject? {
    guard let bytes = try? FileSystem.read(path) else { return nil }
    return (try? JSONParser.parse(bytes))?.objectValue
  }

  static func requireObject(_ path: String) throws(CawError) -> JSONObject {
    let bytes = try FileSystem.read(path)
    guard let object = (try? JSONParser.parse(bytes))?.objectValue else {
      throw CawError(.unreadable, "\(path) is not a JSON object")
    }
    return object
  }
}
