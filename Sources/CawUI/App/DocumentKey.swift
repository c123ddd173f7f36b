/// What a transcript's or tool call's rows depend on.
struct DocumentKey: Hashable, Sendable {
  var page: Page
  var width: Int
  var showThinking: Bool
  var expanded: Bool
  var inProgress: Bool
  /// ``AppState/trajectoriesVersion``: any change to the loaded sessions builds afresh.
  var version: Int
}
