extension SessionSummary {
  /// How recently a session's files must have changed for its open turn to count as being recorded
  /// (seconds): caw rewrites `trajectory.json` after every stream event, so a recorder that is alive
  /// changes it often; a turn whose files stopped changing was interrupted.
  public static let recentWriteWindow: Double = 300

  /// Whether the session has a turn open and its files changed within ``recentWriteWindow`` before
  /// `now` (seconds since 1970): something, Python caw or a caw-tui run, is recording it. A
  /// modification time after `now` (a clock ahead of this one) counts as recent.
  public func isBeingWritten(now: Double) -> Bool {
    hasTurnInProgress && now - lastModified < Self.recentWriteWindow
  }
}
