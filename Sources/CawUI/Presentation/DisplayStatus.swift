import CawCore

/// The status a session is shown with: caw's status, with an unfinished session whose last turn is
/// still open shown as running.
public enum DisplayStatus: String, Hashable, Sendable, CaseIterable {
  /// A turn is in progress.
  case running
  /// Not ended and no turn open.
  case unfinished
  /// Ended normally.
  case finished
  /// Ended on the provider's usage limit.
  case usageLimited = "usage-limited"
  /// Nothing could be read.
  case broken

  /// The status of a listed session.
  public init(_ summary: SessionSummary) {
    switch summary.status {
    case .unfinished: self = summary.hasTurnInProgress ? .running : .unfinished
    case .finished: self = .finished
    case .usageLimited: self = .usageLimited
    case .broken: self = .broken
    }
  }

  /// A one-cell glyph.
  public var glyph: String {
    switch self {
    case .running: "●"
    case .unfinished: "○"
    case .finished: "✓"
    case .usageLimited: "⊘"
    case .broken: "✗"
    }
  }

  /// The glyph's role.
  public var role: StyleRole {
    switch self {
    case .running: .statusRunning
    case .unfinished: .statusUnfinished
    case .finished: .statusFinished
    case .usageLimited: .statusLimited
    case .broken: .error
    }
  }
}
