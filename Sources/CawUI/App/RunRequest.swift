/// A run the user asked for from the UI: resume a session, or start a new one with the form's values.
public enum RunRequest: Hashable, Sendable {
  /// Continue `sessionID` with `message`.
  case resume(sessionID: String, message: String)
  /// Start a new session with the form's values.
  case start(NewSessionForm.Values)
}
