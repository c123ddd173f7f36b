import CawCore

/// The status a session is shown with: caw's status, with a session that a run is recording, or whose
/// open turn's files are still being written, shown as running. An open turn nothing writes any more
/// was interrupted: the session is unfinished. A session whose last turn was cancelled (a stopped run) is
/// marked cancelled, whether or not it was ended.
public enum DisplayStatus: String, Hashable, Sendable, CaseIterable {
  /// A turn is in progress.
  case running
  /// Not ended and no turn open.
  case unfinished
  /// Ended normally.
  case finished
  /// Its last turn was cancelled (a stopped run) and nothing writes it.
  case cancelled
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
    case .unfinished where summary.isBeingWritten(now: now): self = .running
    case .unfinished: self = summary.lastTurnCancelled ? .cancelled : .unfinished
    case .finished: self = summary.lastTurnCancelled ? .cancelled : .finished
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
    case .cancelled: "⊗"
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
    case .cancelled: .statusLimited
    case .usageLimited: .statusLimited
    case .failed: .error
    case .broken: .error
    }
  }
}
