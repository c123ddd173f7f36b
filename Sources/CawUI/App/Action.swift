import CawCore

/// Something that happened, named after the event rather than what it should do.
public enum Action: Equatable, Sendable {
  /// The app started or asked for a fresh list.
  case sessionsRequested
  /// The session list was read, at time `now`.
  case sessionsListed([SessionSummary], now: Double)
  /// The newest `summaries` of `total` sessions were read; the rest are still being read.
  case sessionsListedPartly([SessionSummary], total: Int, now: Double)
  /// Listing failed.
  case listingFailed(String)
  /// A large session's outline was read: its turns, tool calls and usage without their text, shown
  /// until the whole session has been read.
  case sessionOutlined(id: String, Trajectory)
  /// A session's trajectory was read (nil with a reason when it is broken).
  case sessionLoaded(id: String, Trajectory?, error: String?)
  /// What the agent's own record of a caw session adds to it (sent before the session, which has them
  /// filled in); nil when it adds nothing.
  case nativeAdditionsFound(id: String, LinkedAdditions?)
  /// The terminal changed size.
  case terminalResized(Size)
  /// A key was pressed.
  case keyPressed(Key)
  /// The mouse was used.
  case mouseUsed(MouseEvent)
  /// Files of these sessions changed on disk (another process is writing them).
  case filesChanged(SessionChange)
  /// Sessions were read again after a change; `removed` are gone from disk.
  case sessionsRefreshed([SessionSummary], removed: Set<String>, now: Double)
  /// The set of runs recording sessions changed.
  case runsChanged([RunRecord])
  /// Time passed (for elapsed times).
  case clockTicked(Double)
  /// A run was checked and is ready to be started.
  case runReady(RunLaunch)
  /// A run was started for `sessionID`.
  case runStarted(sessionID: String)
  /// An export, a run or a copy could not be done; the reason is shown.
  case effectFailed(String)
  /// The agent CLI's own UI is ready to be handed the terminal.
  case interactiveReady(InteractiveLaunch)
  /// The agent CLI's own UI exited; the terminal is back. `sessionID` is the session it had open.
  case interactiveEnded(sessionID: String?, message: String)
  /// The export file exists; the user is asked before it is replaced.
  case exportNeedsConfirmation(TrajectoryPath, ExportFormat, path: String)
  /// A trajectory was exported.
  case exported(path: String, bytes: Int)
  /// Text was sent to the terminal's clipboard.
  case copied(String)
  /// A tool output left in its file was read (its text), or could not be (why).
  case wholeOutputRead(DeferredText, Result<String, CawError>)
  /// The outputs left in their files that hold the lowercased text (one that cannot be read does not).
  case outputsSearched(String, Set<DeferredText>)
  /// The list's filter texts were built (used when the list is still the one they were built for).
  case searchTextsBuilt(SearchTextBatch)
  /// The search index answered `query` (or could not, and `error` says why).
  case searchAnswered(query: String, SearchResults?, error: String?)
  /// The search index's refresh got this far (posted every two seconds or so, and when it ends).
  case indexProgressed(IndexProgress)
  /// The search index could not be built or brought up to date.
  case indexFailed(String)
  /// How many blocks match a query of the finder, counted after its hits were shown.
  case searchCounted(query: String, total: Int)
}
