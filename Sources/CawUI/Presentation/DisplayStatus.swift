import CawCore

/// The status a session is shown with: caw's status, with a session that a run is recording, or whose
/// last turn is still open, shown as running.
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

  /// The status of a listed session; `recording` when a run is recording it right now.
  public init(_ summary: SessionSummary, recording: Bool = false) {
    if recording && summary.status != .broken {
      self = .running
      return
    }
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
