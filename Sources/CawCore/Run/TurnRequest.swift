/// The provider-side state a turn's command line depends on.
public struct TurnRequest: Sendable, Equatable {
  /// The user's message for this turn.
  public var message: String
  /// The caw session id (claude's `--session-id` on a new session).
  public var sessionID: String
  /// The key the CLI resumes from: claude's session id, codex's thread id, opencode's session id.
  public var resumeKey: String
  /// Whether the CLI already holds this conversation (a follow-up or resumed turn).
  public var continuesConversation: Bool
  /// The MCP config file (claude) or opencode config file written for this session, if any.
  public var configFile: String?
  /// The CLI's version, when known (codex's sandbox flags depend on it).
  public var cliVersion: CLIVersion?

  /// Creates a request.
  public init(
    message: String, sessionID: String, resumeKey: String = "", continuesConversation: Bool = false,
    configFile: String? = nil, cliVersion: CLIVersion? = nil
  ) {
    self.message = message
    self.sessionID = sessionID
    self.resumeKey = resumeKey
    self.continuesConversation = continuesConversation
    self.configFile = configFile
    self.cliVersion = cliVersion
  }
}
