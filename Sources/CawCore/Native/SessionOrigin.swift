import OrderedCollections
/// Which store a session was read from: a caw data directory or one of the agents' own session stores.
public enum SessionOrigin: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
  /// A `caw_data` tree written by Python caw or caw-tui.
  case caw
  /// Claude Code's transcripts (`~/.claude/projects/<project>/<session>.jsonl`).
  case claude
  /// Codex's rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`).
  case codex
  /// opencode's storage (`~/.local/share/opencode/`: `opencode.db`, or `storage/` JSON files).
  case opencode

  /// The provider whose CLI wrote (and resumes) sessions of this origin; nil for caw, whose sessions name theirs.
  public var provider: Provider? {
    switch self {
    case .caw: return nil
    case .claude: return .claudeCode
    case .codex: return .codex
    case .opencode: return .opencode
    }
  }

  /// The native origin of sessions run through `provider`.
  public init(provider: Provider) {
    switch provider {
    case .claudeCode: self = .claude
    case .codex: self = .codex
    case .opencode: self = .opencode
    }
  }

  /// The agents' own stores, in listing order.
  public static let native: [SessionOrigin] = [.claude, .codex, .opencode]

  public static func < (lhs: SessionOrigin, rhs: SessionOrigin) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
