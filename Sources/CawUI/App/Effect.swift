/// Work the reducer asks the run loop to do; the loop turns results back into actions.
public enum Effect: Equatable, Sendable {
  /// Read the session list (answers `.sessionsListed` or `.listingFailed`).
  case listSessions
  /// Read one session's trajectory (answers `.sessionLoaded`).
  case loadSession(id: String)
  /// Show `text` in `$PAGER`, with the terminal handed over meanwhile.
  case openPager(text: String)
  /// Restore the terminal and exit.
  case quit
}
