import SystemPackage

/// An error of caw-tui's core with a message fit to show a user as is, and what caused it: the system
/// error number, the path involved and the underlying error, when there are any.
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
    /// Another process is recording the session.
    public static let sessionBusy = Code("session busy")

    /// The code's short name.
    public var description: String { name }
  }

  /// The kind of failure.
  public var code: Code
  /// The full human-readable message.
  public var message: String
  /// The path the failure concerns, when there is one.
  public var path: String?
  /// The system error number, when a system call failed.
  public var errno: Errno?
  /// The error this one was made from (a swift-subprocess or parse error, say), when there is one.
  public var underlying: (any Error & Sendable)?

  /// Creates an error with a message and, optionally, its cause.
  public init(
    _ code: Code, _ message: String, path: String? = nil, errno: Errno? = nil, underlying: (any Error & Sendable)? = nil
  ) {
    self.code = code
    self.message = message
    self.path = path
    self.errno = errno
    self.underlying = underlying
  }

  /// The message.
  public var description: String { message }

  /// Errors are equal when code, message, path and errno are; the underlying errors are compared by
  /// their descriptions.
  public static func == (lhs: CawError, rhs: CawError) -> Bool {
    lhs.code == rhs.code && lhs.message == rhs.message && lhs.path == rhs.path && lhs.errno == rhs.errno
      && lhs.underlying.map { String(describing: $0) } == rhs.underlying.map { String(describing: $0) }
  }
}
