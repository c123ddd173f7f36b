/// Why a JSON text could not be read, and where.
public struct JSONParseError: Error, Equatable, CustomStringConvertible, Sendable {
  /// What was wrong, e.g. `unexpected end of input`.
  public var reason: String
  /// Byte offset of the problem in the input.
  public var offset: Int
  /// 1-based line of the problem.
  public var line: Int
  /// 1-based column (in bytes) of the problem.
  public var column: Int

  /// Whether the text simply stopped early, as a file caught mid-write does.
  public var isTruncation: Bool { reason == JSONParser.endOfInput }

  /// A one-line human description.
  public var description: String {
    "\(reason) at line \(line), column \(column) (byte \(offset))"
  }
}
