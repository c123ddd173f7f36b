/// A place in a trajectory: a turn and a block of its output, both 0-based (where a prompt is meant,
/// `block` -1 stands for the turn's prompt).
public struct BlockPlace: Hashable, Sendable {
  /// The turn.
  public var turn: Int
  /// The block in the turn's output.
  public var block: Int

  /// Creates a place.
  public init(turn: Int, block: Int) {
    self.turn = turn
    self.block = block
  }
}
