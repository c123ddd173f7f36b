/// What the search index knows of a session besides its text: what its filters look at.
public struct IndexedSession: Hashable, Sendable {
  /// The session id.
  public var id: String
  /// Provider name, `""` when unknown.
  public var agent: String
  /// Model, `""` when none was recorded.
  public var model: String
  /// The session's status when it was indexed.
  public var status: SessionStatus
  /// The recorded start time (`created_at`), `""` when unknown.
  public var createdAt: String
  /// The time the session sorts and filters by: its start, else its files' newest modification time.
  public var time: Double
  /// The directory the agent worked in (`metadata.cwd`), when recorded.
  public var workingDirectory: String?
  /// Which store the session is read from: the caw tree, or an agent's own.
  public var origin: SessionOrigin

  /// Creates the facts of a session.
  public init(
    id: String, agent: String, model: String, status: SessionStatus, createdAt: String, time: Double,
    workingDirectory: String?, origin: SessionOrigin = .caw
  ) {
    self.id = id
    self.agent = agent
    self.model = model
    self.status = status
    self.createdAt = createdAt
    self.time = time
    self.workingDirectory = workingDirectory
    self.origin = origin
  }

  /// The project name of a working directory: its last part (`/home/dev/shop/` → `shop`).
  public static func projectName(of directory: String) -> String {
    let parts = directory.split(separator: "/")
    return parts.last.map(String.init) ?? directory
  }
}
