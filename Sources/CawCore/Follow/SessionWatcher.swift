import Foundation
import Synchronization

/// Reports writes to the sessions of a data directory as they happen: with inotify on the `sessions/`
/// directory and every session directory, or, where inotify is unavailable or out of watches, by
/// polling the files' sizes and modification times. Changes arriving close together are reported once.
public final class SessionWatcher: Sendable {
  /// How the watcher learns of changes.
  public enum Mode: Sendable, Equatable {
    /// Kernel notifications (inotify).
    case inotify
    /// Checking the files every `interval`.
    case polling(interval: Duration)
  }

  /// The directory watched.
  public let dataDirectory: DataDirectory
  /// The mechanism in use.
  public let mode: Mode
  private let stopped = StopFlag()
  private let stream: AsyncStream<SessionChange>
  private let continuation: AsyncStream<SessionChange>.Continuation

  /// Starts watching. `forcePolling` skips inotify (for tests and unusual file systems).
  public init(_ dataDirectory: DataDirectory, pollInterval: Duration = .milliseconds(100), forcePolling: Bool = false) {
    self.dataDirectory = dataDirectory
    (stream, continuation) = AsyncStream.makeStream(of: SessionChange.self, bufferingPolicy: .unbounded)
    let inotify = forcePolling ? nil : InotifyWatch(dataDirectory)
    mode = inotify == nil ? .polling(interval: pollInterval) : .inotify
    let continuation = continuation
    let stopped = stopped
    Thread.detachNewThread {
      if let inotify {
        inotify.run(until: stopped) { continuation.yield($0) }
      } else {
        PollingWatch(dataDirectory).run(every: pollInterval, until: stopped) { continuation.yield($0) }
      }
      continuation.finish()
    }
  }

  /// The changes, in order; the sequence ends after ``stop()``.
  public var changes: AsyncStream<SessionChange> { stream }

  /// Stops watching (within one polling interval or 50 ms).
  public func stop() { stopped.set() }

  deinit { stopped.set() }
}

/// A flag one thread sets and another reads.
final class StopFlag: Sendable {
  private let value = Atomic<Bool>(false)
  func set() { value.store(true, ordering: .releasing) }
  var isSet: Bool { value.load(ordering: .acquiring) }
}
