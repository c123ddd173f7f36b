import Foundation

/// Finds an agent CLI the way caw does: on `PATH`, and for opencode also in its usual install places.
public struct ExecutableLocator: Sendable {
  /// The environment whose `PATH` and `HOME` are searched.
  public var environment: [String: String]

  /// Creates a locator over an environment (defaults to the process's).
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// The executable name of a provider's CLI.
  public static func binaryName(_ provider: Provider) -> String {
    switch provider {
    case .claudeCode: return "claude"
    case .codex: return "codex"
    case .opencode: return "opencode"
    }
  }

  /// caw's install hint for a CLI that is not found (spec §5.0).
  public static func installHint(_ provider: Provider) -> String {
    switch provider {
    case .claudeCode: return "claude CLI not found. Install it with: npm install -g @anthropic-ai/claude-code"
    case .codex: return "codex CLI not found. Install it with: npm install -g @openai/codex"
    case .opencode:
      return "opencode CLI not found. Install it from https://opencode.ai or make sure the binary is on PATH."
    }
  }

  /// The absolute path of the provider's CLI, or nil when it is not installed.
  public func locate(_ provider: Provider) -> String? {
    let name = Self.binaryName(provider)
    if let found = which(name) { return found }
    guard provider == .opencode else { return nil }
    let home = environment["HOME"] ?? NSHomeDirectory()
    let fallbacks = [home + "/.opencode/bin/opencode", "/usr/local/bin/opencode", "/opt/homebrew/bin/opencode"]
    return fallbacks.first(where: Self.isExecutableFile)
  }

  /// The first executable file called `name` on `PATH`.
  public func which(_ name: String) -> String? {
    if name.contains("/") { return Self.isExecutableFile(name) ? name : nil }
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
      let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
      if Self.isExecutableFile(candidate) { return candidate }
    }
    return nil
  }

  /// Whether `path` is a regular file this process may execute.
  static func isExecutableFile(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
  }
}
