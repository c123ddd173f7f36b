@preconcurrency import Dispatch
import Foundation

/// Cancels a task on SIGINT, SIGTERM or SIGHUP instead of letting the signal kill the program, so the
/// agent CLI's process group is terminated and what was recorded stays consistent.
final class SignalCancellation: @unchecked Sendable {
  private let sources: [any DispatchSourceSignal]

  /// Starts catching the signals for `task`.
  init(task: Task<Void, any Error>) {
    sources = [SIGINT, SIGTERM, SIGHUP].map { signalNumber in
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { task.cancel() }
      source.resume()
      return source
    }
  }

  /// Stops catching; the signals get their default action again.
  func stop() {
    for source in sources { source.cancel() }
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
  }
}
