import CawCore

/// An agent CLI's own UI, ready to be handed the terminal: the command, and what to call it afterwards.
public struct InteractiveLaunch: Equatable, Sendable {
  /// The session it opens (nil for a new session).
  public var sessionID: String?
  /// The command line.
  public var invocation: Invocation
  /// The agent's name, for the message shown when it exits.
  public var name: String

  /// A launch of `invocation` for `sessionID`.
  public init(sessionID: String?, invocation: Invocation, name: String) {
    self.sessionID = sessionID
    self.invocation = invocation
    self.name = name
  }
}
