import Foundation

/// A condition a test waited for did not come true in time.
public struct WaitTimedOut: Error, CustomStringConvertible {
  /// What was waited for.
  public var what: String
  /// How long.
  public var seconds: Double
  /// What was seen last, to say why.
  public var lastSeen: String

  public init(what: String, seconds: Double, lastSeen: String) {
    self.what = what
    self.seconds = seconds
    self.lastSeen = lastSeen
  }

  public var description: String {
    "timed out after \(seconds)s waiting for \(what)" + (lastSeen.isEmpty ? "" : "; last seen:\n\(lastSeen)")
  }
}

/// Polls `condition` every `interval` until it holds, or throws ``WaitTimedOut`` after `seconds` with
/// what `observe` shows at that moment. Never a fixed sleep: it returns as soon as the condition holds.
public func waitUntil(
  _ what: String, seconds: Double = 20, interval: Double = 0.02, observe: () -> String = { "" },
  _ condition: () throws -> Bool
) throws {
  let deadline = Date().addingTimeInterval(seconds)
  while try !condition() {
    guard Date() < deadline else { throw WaitTimedOut(what: what, seconds: seconds, lastSeen: observe()) }
    usleep(UInt32(interval * 1_000_000))
  }
}

/// ``waitUntil(_:seconds:interval:observe:_:)`` for async code: sleeps without blocking a thread.
public func awaitUntil(
  _ what: String, seconds: Double = 20, interval: Double = 0.02, observe: () -> String = { "" },
  _ condition: () async throws -> Bool
) async throws {
  let deadline = Date().addingTimeInterval(seconds)
  while try await !condition() {
    guard Date() < deadline else { throw WaitTimedOut(what: what, seconds: seconds, lastSeen: observe()) }
    try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
  }
}

/// Runs `operation`, failing with ``WaitTimedOut`` when it has not finished after `seconds`; the
/// operation is cancelled then (a `for await` over an `AsyncStream` ends on cancellation).
public func withDeadline<T: Sendable>(
  seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
  try await withThrowingTaskGroup(of: T?.self) { group in
    group.addTask { try await operation() }
    group.addTask {
      try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
      return nil
    }
    defer { group.cancelAll() }
    guard let first = try await group.next(), let value = first else {
      throw WaitTimedOut(what: what, seconds: seconds, lastSeen: "")
    }
    return value
  }
}
