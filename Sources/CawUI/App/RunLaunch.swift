/// A checked `caw-tui run` or `resume`, ready to be started: what to start and where its output goes.
public struct RunLaunch: Equatable, Sendable {
  /// The session it records.
  public var sessionID: String
  /// The caw-tui executable.
  public var executable: String
  /// Its arguments.
  public var arguments: [String]
  /// The file its output goes to.
  public var log: String

  /// A launch of `executable` with `arguments` recording `sessionID`, its output to `log`.
  public init(sessionID: String, executable: String, arguments: [String], log: String) {
    self.sessionID = sessionID
    self.executable = executable
    self.arguments = arguments
    self.log = log
  }
}
