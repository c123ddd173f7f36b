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
    let key: String?
    switch self {
    case .claudeCode: key = trajectory.sessionID
    case .codex: key = trajectory.metadata["thread_id"]?.stringValue
    case .opencode: key = trajectory.metadata["opencode_session_id"]?.stringValue
    }
    guard let key, !key.isEmpty else { return nil }
    return key
  }
}
