import Foundation

/// Reads sessions' text ahead on a thread of its own (parsing and hashing each block), so the
/// index's one writer spends its time writing; at most `limit` bytes of text wait between the two.
///
/// For each session, in order, it hands over `.start` (with the session's time as the head of its file
/// tells it), then `.unit` and `.read` items, then `.finish` with the file's header, or `.irregular`
/// when the file cannot be streamed (the writer then reads the session the ordinary way).
final class ReadAhead: @unchecked Sendable {
  /// One step of the reading.
  enum Item {
    case start(session: Int, time: Double)
    case unit(PreparedUnit)
    case read(Int)
    case finish(Trajectory)
    case irregular
  }

  /// The sessions' `trajectory.json` paths and their files' newest modification times.
  private let sessions: [(file: String, lastModified: Double)]
  private let limit: Int
  private let condition = NSCondition()
  private var queue: [Item] = []
  private var head = 0
  private var queuedBytes = 0
  private var stopped = false
  private var finished = false

  private struct Stopped: Error {}

  init(sessions: [(file: String, lastModified: Double)], limit: Int = 32 << 20) {
    self.sessions = sessions
    self.limit = limit
  }

  /// Starts reading.
  func start() {
    let thread = Thread { [self] in
      read()
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The next item, waiting for it; nil when every session has been handed over or reading stopped.
  func next() -> Item? {
    condition.lock()
    defer { condition.unlock() }
    while head == queue.count && !finished && !stopped { condition.wait() }
    guard head < queue.count else { return nil }
    let item = queue[head]
    head += 1
    queuedBytes -= Self.size(item)
    if head > 1024 && head * 2 > queue.count {
      queue.removeFirst(head)
      head = 0
    }
    condition.broadcast()
    return item
  }

  /// Stops reading (the thread ends after the block it is on) and waits for it.
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    while !finished { condition.wait() }
    condition.unlock()
  }

  private func read() {
    for (index, session) in sessions.enumerated() {
      var started = false
      do {
        let header = try SessionText.stream(
          file: session.file, lastModified: session.lastModified,
          start: { time in
            try push(.start(session: index, time: time))
            started = true
          },
          unit: { try push(.unit(PreparedUnit($0))) },
          bytesRead: { _ = try? push(.read($0)) })
        try push(.finish(header))
      } catch is Stopped {
        return
      } catch {
        // Not streamable (SessionText.Irregular): the writer reads it itself.
        if !started && (try? push(.start(session: index, time: session.lastModified))) == nil { return }
        if (try? push(.irregular)) == nil { return }
      }
    }
  }

  private func push(_ item: Item) throws {
    condition.lock()
    defer { condition.unlock() }
    while queuedBytes >= limit && !stopped { condition.wait() }
    if stopped { throw Stopped() }
    queue.append(item)
    queuedBytes += Self.size(item)
    condition.broadcast()
  }

  private static func size(_ item: Item) -> Int {
    if case .unit(let unit) = item { return unit.size }
    return 0
  }
}

/// A block ready to be written: its text and its hash.
struct PreparedUnit {
  var location: String
  var kind: Int
  var name: String
  var arguments: String
  var body: String
  var hash: Int64

  init(_ unit: IndexedUnit) {
    location = unit.locationText
    kind = SearchHit.Kind.allCases.firstIndex(of: unit.kind)!
    name = unit.name
    arguments = unit.arguments
    body = unit.body
    hash = unit.hash
  }

  /// Bytes it holds, roughly.
  var size: Int { arguments.utf8.count + body.utf8.count + 64 }
}
