/// What the timeline's rows depend on.
struct TimelineKey: Hashable, Sendable {
  var path: TrajectoryPath
  /// ``AppState/trajectoriesVersion``: any change to the loaded sessions builds afresh.
  var version: Int
  /// The outline's turn count when only the session's outline is there.
  var outlineTurns: Int?
  /// The turns shown as in progress.
  var inProgress: Set<Int>
}
