/// What the cost pane's rows depend on.
struct CostKey: Hashable, Sendable {
  var session: String?
  /// ``AppState/trajectoriesVersion``: any change to the loaded sessions builds afresh.
  var version: Int
  /// The outline's turn count when only the session's outline is there.
  var outlineTurns: Int?
  var totals: ListCostTotals
  var filtered: Bool
  var width: Int
}
