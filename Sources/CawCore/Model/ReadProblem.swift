/// Something in a file that was not as caw writes it, with where it was found.
public struct ReadProblem: Sendable, Equatable, CustomStringConvertible {
  /// Where: a file name and a JSON path, e.g. `trajectory.json: turns[2].usage.cost_usd`.
  public var location: String
  /// What was wrong and what was done instead.
  public var message: String

  /// Creates a problem report.
  public init(location: String, message: String) {
    self.location = location
    self.message = message
  }

  /// `location: message`.
  public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
