/// A `Screen` without a terminal: it replays scripted events and keeps every frame presented.
public struct InMemoryScreen: Screen {
  /// The current size; a scripted `.resize` changes it when it is delivered.
  public private(set) var size: Size
  /// Events still to deliver, first first.
  public var pendingEvents: [TerminalEvent]
  /// The frames presented so far.
  public private(set) var frames: [CellGrid] = []

  /// A screen of `size` that will deliver `events` in order.
  public init(size: Size, events: [TerminalEvent] = []) {
    self.size = size
    pendingEvents = events
  }

  /// The last frame presented, blank before the first.
  public var lastFrame: CellGrid { frames.last ?? CellGrid(size: size) }

  /// Records the frame.
  public mutating func present(_ frame: CellGrid) throws {
    precondition(frame.size == size, "a frame of \(frame.size) presented on a screen of \(size)")
    frames.append(frame)
  }

  /// Delivers the next scripted event, or nil when the script is done.
  public mutating func nextEvent(timeout: Duration) throws -> TerminalEvent? {
    guard !pendingEvents.isEmpty else { return nil }
    let event = pendingEvents.removeFirst()
    if case .resize(let newSize) = event { size = newSize }
    return event
  }
}
