/// A curses call that failed, named so the message says which.
public struct TerminalError: Error, CustomStringConvertible {
  /// The curses function that returned ERR (or NULL).
  public var function: String

  /// `newterm failed`.
  public var description: String { "\(function) failed (is TERM set to a terminal ncurses knows?)" }
}
