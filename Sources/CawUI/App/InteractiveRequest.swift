/// A session to open in the agent CLI's own interactive UI, with the terminal handed over.
public enum InteractiveRequest: Hashable, Sendable {
  /// The recorded session `sessionID`, resumed in its CLI in its recorded directory.
  case session(String)
  /// A new session with the form's provider, model, reasoning, system prompt, directory and prompt.
  case start(NewSessionForm.Values)
}
