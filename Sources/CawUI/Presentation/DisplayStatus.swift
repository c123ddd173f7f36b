import CawCore

/// The status a session is shown with: caw's status, with a session that a run is recording, or whose
/// open turn's files are still being written, shown as running. An open turn nothing writes any more
/// was interrupted: the session is unfinished.
public enum DisplayStatus: String, Hashable, Sendable, CaseIterable {
  /// A turn is in progress.
  case running
  /// Not ended and no turn open.
  case unfinished
  /// Ended normally.
  case finished
  /// Ended on the provider's usage limit.
  case usageLimited = "usage-limited"
  /// The last turn ended on an error.
  case failed
  /// Nothing could be read.
  case broken

  /// The status of a listed session at `now` (seconds since 1970); `recording` when a run is recording
  /// it right now.
  public init(_ summary: SessionSummary, recording: Bool = false, now: Double) {
    if recording && summary.status != .broken {
      self = .running
      return
    }
    switch summary.status {
    case .unfinished: self = summary.isBeingWritten(now: now) ? .running : .unfinished
    case .finished: self = .finished
    case .usageLimited: self = .usageLimited
    case .failed: self = .failed
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
    case .failed: "!"
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
    case .failed: .error
    case .broken: .error
    }
  }
}
