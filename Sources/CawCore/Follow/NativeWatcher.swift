import Foundation

/// Reports writes to the agents' own session stores as they happen (``SessionChange/nativeFiles``): with
/// inotify on each directory of the stores' trees, or, where inotify is unavailable, out of watches or no
/// store exists yet, by polling the files' sizes and modification times. Nothing in the stores is written.
public final class NativeWatcher: Sendable {
  /// How the watcher learns of changes.
  public let mode: SessionWatcher.Mode
  private let stopped = StopFlag()
  private let stream: AsyncStream<SessionChange>

  /// Starts watching the stores of `origins` in `stores` (caw's own tree is ``SessionWatcher``'s).
  /// `forcePolling` skips inotify (for tests and unusual file systems).
  public init(
    _ stores: NativeStores, origins: Set<SessionOrigin>, pollInterval: Duration = .seconds(1), forcePolling: Bool = false
  ) {
    let roots = WatchRoot.roots(of: stores, origins: origins)
    let (stream, continuation) = AsyncStream.makeStream(of: SessionChange.self, bufferingPolicy: .unbounded)
    self.stream = stream
    let inotify = forcePolling ? nil : NativeInotifyWatch(roots)
    mode = inotify == nil ? .polling(interval: pollInterval) : .inotify
    let stopped = stopped
    Thread.detachNewThread {
      if let inotify {
        inotify.run(until: stopped) { continuation.yield($0) }
      } else {
        NativePollingWatch(roots: roots).run(every: pollInterval, until: stopped) { continuation.yield($0) }
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
