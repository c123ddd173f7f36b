import CawCore

/// Something that happened, named after the event rather than what it should do.
public enum Action: Equatable, Sendable {
  /// The app started or asked for a fresh list.
  case sessionsRequested
  /// The session list was read, at time `now`.
  case sessionsListed([SessionSummary], now: Double)
  /// Listing failed.
  case listingFailed(String)
  /// A session's trajectory was read (nil with a reason when it is broken).
  case sessionLoaded(id: String, Trajectory?, error: String?)
  /// The terminal changed size.
  case terminalResized(Size)
  /// A key was pressed.
  case keyPressed(Key)
  /// The mouse was used.
  case mouseUsed(MouseEvent)
}
