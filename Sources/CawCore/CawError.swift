/// An error of caw-tui's core with a message fit to show a user as is.
public struct CawError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What kind of failure this is.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    private let name: String
    private init(_ name: String) { self.name = name }

    /// A session id or handle names no usable session.
    public static let invalidSessionID = Code("invalid session id")
    /// No session matches the given id or prefix.
    public static let sessionNotFound = Code("session not found")
    /// A prefix matches more than one session.
    public static let ambiguousSession = Code("ambiguous session")
    /// A file could not be read, written or created.
    public static let io = Code("i/o error")
    /// A resume handle or request cannot be honoured.
    public static let resume = Code("cannot resume")
    /// A session's files cannot be read as a trajectory.
    public static let unreadable = Code("unreadable session")
    /// The operation would replace an existing file.
    public static let fileExists = Code("file exists")
    /// A command-line value or setting is not valid.
    public static let invalidArgument = Code("invalid argument")
    /// An agent CLI cannot be started or its turn failed.
    public static let agent = Code("agent failed")

    /// The code's short name.
    public var description: String { name }
  }

  /// The kind of failure.
  public var code: Code
  /// The full human-readable message.
  public var message: String

  /// Creates an error with a message.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
