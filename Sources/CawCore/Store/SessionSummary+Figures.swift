extension SessionSummary {
  /// The summary of the caw session `id` at `path` whose `trajectory.json` reads as `figures`, as
  /// ``init(_:)`` makes it from the loaded session; `parentTurnEnds` is `traj.jsonl`'s count of the parent's
  /// `turn_end` lines, nil when no log is there.
  init(id: String, path: String, figures: TrajectoryFigures, lastModified: Double, parentTurnEnds: Int?) {
    self.id = id
    self.path = path
    agent = figures.agent
    model = figures.model
    createdAt = figures.createdAt
    completedAt = figures.completedAt
    status = figures.status
    brokenReason = nil
    turnCount = figures.turnCount
    toolCallCount = figures.toolCalls
    toolErrorCount = figures.toolErrors
    totalUsage = figures.totalUsage
    durationMS = figures.durationMS
    firstUserMessage = figures.firstInput
    self.lastModified = lastModified
    hasTurnInProgress = status == .unfinished && parentTurnEnds.map { figures.turnCount > $0 } ?? false
    source = .trajectoryFile
    problems = []
    unpricedTurnCount = figures.unpricedTurnCount
    lastTurnCancelled = figures.holdsLastTurn(figures.cancelledTurns)
    if let provider = Provider(name: figures.agent) {
      resumeKey = provider.resumeKey(sessionID: figures.sessionID, metadataString: figures.metadataString) ?? ""
    }
    workingDirectory = figures.workingDirectory
  }
}
