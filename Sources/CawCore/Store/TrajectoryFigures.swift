import OrderedCollections

/// What the session list shows of a trajectory, and nothing else: its scalar fields, metadata, counts
/// and usage, without its text, tool calls or turns. ``TrajectoryFigureScanner`` reads it straight from
/// the bytes of `trajectory.json`.
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
  var metadata: JSONObject = [:]

  /// Own usage plus every subagent's, summed in ``Trajectory/totalUsage``'s order (a float cost's sum
  /// depends on it).
  var totalUsage: UsageStats { subagentTotals.reduce(usage) { $0 + $1 } }

  /// A trajectory with the fields a summary derives its status, marks and resume key from, and
  /// `turnCount` empty turns (the first with its input).
  var outline: Trajectory {
    var t = Trajectory(
      agent: agent, model: model, sessionID: sessionID, createdAt: createdAt, completedAt: completedAt,
      usageLimited: usageLimited, usage: usage, durationMS: durationMS, metadata: metadata)
    t.turns = Array(repeating: Turn(input: ""), count: turnCount)
    if turnCount > 0 { t.turns[0].input = firstInput }
    return t
  }
}
