/// What the session list shows of a trajectory, and nothing else: its scalar fields, the metadata fields
/// a summary reads, counts and usage, without its text, tool calls or turns. ``TrajectoryFigureScanner``
/// reads it straight from the bytes of `trajectory.json`.
struct TrajectoryFigures: Sendable {
  var agent = ""
  var model = ""
  var sessionID = ""
  var createdAt = ""
  var completedAt = ""
  var usageLimited = false
  var turnCount = 0
  /// The first turn's input (the list's prompt column).
  var firstInput = ""
  /// This agent's own usage.
  var usage = UsageStats()
  /// Each direct subagent's total usage, in the order they were called.
  var subagentTotals: [UsageStats] = []
  /// Tool calls here and in every nested subagent.
  var toolCalls = 0
  /// Failed tool calls here and in every nested subagent.
  var toolErrors = 0
  var durationMS = 0
  /// `metadata.cwd` when it is a string.
  var workingDirectory = ""
  /// `metadata.thread_id` (codex's resume key) when it is a string.
  var threadID: String?
  /// `metadata.opencode_session_id` (opencode's resume key) when it is a string.
  var opencodeSessionID: String?
  /// The whole numbers of `metadata.failed_turns`, as ``Trajectory/failedTurns`` reads them.
  var failedTurns: [Int] = []
  /// The whole numbers of `metadata.cancelled_turns`, as ``Trajectory/cancelledTurns`` reads them.
  var cancelledTurns: [Int] = []
  /// How many whole numbers `metadata.unpriced_turns` lists (``UnpricedTurns/indices(_:)``).
  var unpricedTurnCount = 0

  /// Own usage plus every subagent's, summed in ``Trajectory/totalUsage``'s order (a float cost's sum
  /// depends on it).
  var totalUsage: UsageStats { subagentTotals.reduce(usage) { $0 + $1 } }

  /// The status the trajectory implies (``SessionStatus/init(_:)``).
  var status: SessionStatus {
    SessionStatus(lastTurnFailed: holdsLastTurn(failedTurns), completedAt: completedAt, usageLimited: usageLimited)
  }

  /// Whether metadata list `turns` holds the last turn.
  func holdsLastTurn(_ turns: [Int]) -> Bool { turnCount > 0 && turns.contains(turnCount - 1) }

  /// The metadata string field `name` as the summary looks it up (only the resume keys are asked for).
  func metadataString(_ name: String) -> String? {
    switch name {
    case Provider.codexResumeKey: threadID
    case Provider.opencodeResumeKey: opencodeSessionID
    default: nil
    }
  }
}
