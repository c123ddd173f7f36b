@preconcurrency import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM or SIGHUP into cancelling a task instead of letting the signal kill the
/// program, so the agent CLI's process group is terminated and what was recorded stays consistent.
///
/// It catches from the moment it is created; a signal that arrives before the task is attached
/// cancels it as soon as it is.
final class SignalCancellation: Sendable {
  private struct State {
    var sources: [any DispatchSourceSignal] = []
    var task: Task<Void, any Error>?
    var signalled = false
  }

  private static let caught = [SIGINT, SIGTERM, SIGHUP]
  private let state = Mutex(State())

  /// Starts catching the signals.
  init() {
    let sources = Self.caught.map { signalNumber in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      return source
    }
    for source in sources {
      source.setEventHandler { [weak self] in self?.fire() }
      source.resume()
    }
    state.withLock { $0.sources = sources }
  }

  /// Cancels `task` on the next signal (at once when one already came).
  func attach(_ task: Task<Void, any Error>) {
    let signalled = state.withLock { state in
      state.task = task
      return state.signalled
    }
    if signalled { task.cancel() }
  }

  private func fire() {
    let task = state.withLock { state in
      state.signalled = true
      return state.task
    }
    task?.cancel()
  }

  /// Stops catching; the signals get their default action again.
  func stop() {
    let sources = state.withLock { $0.sources }
    for source in sources { source.cancel() }
    for signalNumber in Self.caught { signal(signalNumber, SIG_DFL) }
  }
}
