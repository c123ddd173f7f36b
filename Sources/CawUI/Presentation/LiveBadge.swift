import CawCore

/// The words a running session's titles carry: that it is running, for how long, and whether the view
/// follows its newest event.
public enum LiveBadge {
  /// `● running 1m 23s · following` for a session being recorded (by a run, or its open turn's files
  /// are still being written), else nil.
  public static func text(_ state: AppState, sessionID: String) -> String? {
    let summary = state.summary(sessionID)
    let run = state.run(recording: sessionID)
    guard run != nil || summary?.isBeingWritten(now: state.now) == true else { return nil }
    let started = run.flatMap { Timestamp.parse($0.startedAt) } ?? summary.flatMap { Timestamp.parse($0.createdAt) }
    var text = "● running"
    if let started, state.now >= started { text += " " + Format.duration(milliseconds: Int((state.now - started) * 1000)) }
    return text + (state.following ? " · following" : " · paused (F follows)")
  }
}
