import CawCore

/// Work the reducer asks the run loop to do; the loop turns results back into actions.
public enum Effect: Equatable, Sendable {
  /// Read the session list (answers `.sessionsListed` or `.listingFailed`).
  case listSessions
  /// Read the selected session's trajectory (answers `.sessionLoaded`); dropped when another session is
  /// asked for before it starts, as the user has moved on.
  case loadSession(id: String)
  /// Read a shown session again after its files changed (answers `.sessionLoaded`); never dropped.
  case reloadSession(id: String)
  /// Show `text` in `$PAGER`, with the terminal handed over meanwhile.
  case openPager(text: String)
  /// Read these sessions again after their files changed (answers `.sessionsRefreshed` and
  /// `.sessionLoaded` for the loaded ones).
  case refreshSessions(Set<String>)
  /// Check a `caw-tui run` or `resume` (answers `.runReady` or `.effectFailed`).
  case startRun(RunRequest)
  /// Start a checked run, detached (answers `.runStarted` or `.effectFailed`).
  case launchRun(RunLaunch)
  /// Prepare the agent CLI's own UI for a session or a new one (answers `.interactiveReady` or
  /// `.effectFailed`).
  case openInteractive(InteractiveRequest)
  /// Hand the terminal to a prepared agent UI until it exits (answers `.interactiveEnded`).
  case handOver(InteractiveLaunch)
  /// Ask these runs to stop, as Ctrl-C would.
  case stopRuns([RunRecord])
  /// Write the trajectory at the path in a format to a file (answers `.exported`,
  /// `.exportNeedsConfirmation` or `.effectFailed`).
  case export(TrajectoryPath, ExportFormat, path: String, overwrite: Bool)
  /// Put `text` on the terminal's clipboard with OSC 52 (answers `.copied`); `label` says what it is.
  case copyToClipboard(String, label: String)
  /// Read a tool output that the session's read left in its file, for the page showing it (answers
  /// `.wholeOutputRead`).
  case readWholeOutput(DeferredText)
  /// Find which of these outputs left in their files hold the lowercased text (answers `.outputsSearched`).
  case searchOutputs(String, [DeferredText])
  /// Search every session for the query text through the search index (answers `.searchAnswered`); a
  /// query typed before an earlier one started replaces it.
  case searchEverySession(String)
  /// Bring the search index up to date in the background, building it when `build` is set and there
  /// is none yet (answers `.indexProgressed` as it goes, or `.indexFailed`).
  case refreshIndex(build: Bool)
  /// Re-index these sessions after their files changed.
  case updateIndex(Set<String>)
  /// Read again the native sessions these files of the agents' stores belong to (answers
  /// `.sessionsRefreshed`; the search index follows when it exists).
  case refreshNativeFiles(Set<String>)
  /// Restore the terminal and exit.
  case quit
}
