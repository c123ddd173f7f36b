/// How a cost report groups sessions.
public enum CostGrouping: String, Sendable, CaseIterable {
  /// By the local day each session started.
  case day
  /// By the ISO week (Monday to Sunday, local time) each session started.
  case week
  /// By the local month each session started.
  case month
  /// One group per session.
  case session
  /// By the session's model.
  case model
  /// By the session's provider.
  case provider
}
