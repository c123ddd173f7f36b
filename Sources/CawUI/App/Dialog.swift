import CawCore

/// A question the UI is asking, on top of whatever is shown; keys go to it until it is answered.
public enum Dialog: Hashable, Sendable {
  /// The message to resume `sessionID` with; `directory` says where the agent will run.
  case resume(sessionID: String, directory: String, text: String)
  /// The new-session form.
  case newSession(NewSessionForm)
  /// Which format to export the trajectory at `path` in.
  case exportFormat(TrajectoryPath)
  /// The file to export to.
  case exportPath(TrajectoryPath, ExportFormat, text: String)
  /// Whether to replace an existing export file.
  case confirmOverwrite(TrajectoryPath, ExportFormat, path: String)
  /// Whether to stop the run recording a session.
  case confirmStop(RunRecord)
  /// What to copy: the focused message, the resume handle, or a resume command.
  case copy(CopyChoices)
  /// Quitting while runs record: stop them, leave them running, or stay.
  case quitWithRuns([RunRecord])
}
