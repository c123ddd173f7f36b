/// A `caw_data` tree: where it is and how session paths are formed inside it.
public struct DataDirectory: Sendable, Equatable {
  /// The data directory's path as given.
  public let path: String

  /// Wraps a data directory path (a trailing `/` is dropped).
  public init(_ path: String) {
    var trimmed = path
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.path = trimmed
  }

  /// `<data_dir>/sessions`.
  public var sessionsPath: String { path + "/sessions" }

  /// The directory of a session, after checking the id is a plain name.
  public func sessionPath(_ id: String) throws(CawError) -> String {
    try SessionID.validate(id)
    return sessionsPath + "/" + id
  }

  /// The data directory a command uses: the explicit one, else `$CAW_DATA_DIR`, else `./caw_data`.
  public static func resolve(explicit: String?, environment: [String: String]) -> DataDirectory {
    if let explicit, !explicit.isEmpty { return DataDirectory(explicit) }
    if let fromEnvironment = environment["CAW_DATA_DIR"], !fromEnvironment.isEmpty {
      return DataDirectory(fromEnvironment)
    }
    return DataDirectory("caw_data")
  }
}
