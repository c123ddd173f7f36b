import CawCore
import CawUI
import Foundation

/// Renders real TUI frames off screen for the frame figures: the same `AppView` the terminal shows, at
/// 160x48, into a cell grid (what curses then sends is not counted).
enum FrameRenderer {
  /// The terminal size the frames are drawn at.
  static let size = Size(width: 160, height: 48)

  /// Draws the session list with `rows` listed.
  static func list(_ rows: [SessionSummary]) {
    var state = AppState(dataDirectory: "bench", size: size, now: Date().timeIntervalSince1970)
    state.summaries = rows
    state.listed = true
    state.selectedID = rows.first?.id
    _ = AppView.render(state)
  }

  /// Draws the timeline of a session holding `turns`.
  static func timeline(_ turns: ArraySlice<Turn>) {
    var state = AppState(dataDirectory: "bench", size: size, now: Date().timeIntervalSince1970)
    state.focus = .timeline
    state.trajectories["bench"] = Trajectory(agent: "claude_code", sessionID: "bench", turns: Array(turns))
    state.selectedID = "bench"
    _ = AppView.render(state)
  }
}
