import OrderedCollections
/// The agent CLIs caw drives, under their canonical names.
public enum Provider: String, Sendable, CaseIterable {
  /// Anthropic's Claude Code (`claude`).
  case claudeCode = "claude_code"
  /// OpenAI's Codex CLI (`codex`).
  case codex
  /// opencode (`opencode`).
  case opencode

  /// Looks a provider up by canonical name or caw's aliases (`claude`, `cc`).
  public init?(name: String) {
    switch name {
    case "claude_code", "claude", "cc": self = .claudeCode
    case "codex": self = .codex
    case "opencode": self = .opencode
    default: return nil
    }
  }

  /// The names caw's registry accepts, in its order (used in caw's error text).
  public static let registeredNames = ["claude_code", "claude", "cc", "codex", "opencode"]

  /// The key the CLI needs to resume a stored session, read as caw reads it (spec §4.3).
  public func resumeKey(from trajectory: Trajectory) -> String? {
    resumeKey(sessionID: trajectory.sessionID) { trajectory.metadata[$0]?.stringValue }
  }

  /// ``resumeKey(from:)`` from a trajectory's `session_id` and its metadata's string fields, looked up by
  /// name (nil when absent or not a string).
  func resumeKey(sessionID: String, metadataString: (String) -> String?) -> String? {
    let key: String?
    switch self {
    case .claudeCode: key = sessionID
    case .codex: key = metadataString(Self.codexResumeKey)
    case .opencode: key = metadataString(Self.opencodeResumeKey)
    }
    guard let key, !key.isEmpty else { return nil }
    return key
  }

  /// The metadata field codex's resume key is kept in.
  static let codexResumeKey = "thread_id"
  /// The metadata field opencode's resume key is kept in.
  static let opencodeResumeKey = "opencode_session_id"
}
