import ArgumentParser
import CawCore
import Foundation

/// Runs a session's messages one after another for `run` and `resume`: lists the run in the
/// ``RunRegistry`` while it records, prints events, waits out usage limits when asked, turns Ctrl-C into
/// a clean cancel, ends the session and prints its resume handle.
struct TurnDriver {
  let session: AgentSession
  let dataDirectory: DataDirectory
  let behaviour: RunBehaviour

  /// Sends each message, then ends the session. Exits 130 after Ctrl-C, 1 after a failed turn.
  func run(_ messages: [String]) async throws {
    let printer = RunPrinter(verbose: behaviour.verbose)
    printer.note("session \(session.sessionID) in \(session.directory)")
    let registry = RunRegistry()
    let registration = try? registry.register(
      sessionID: session.sessionID, dataDirectory: dataDirectory.path, provider: await session.settings.provider)
    defer { registration.map(registry.unregister) }
    let work = Task { () async throws -> Void in
      var queue = messages
      while !queue.isEmpty {
        let message = queue.removeFirst()
        let limit = LimitBox()
        try await session.send(message) { event in
          printer.print(event)
          if case .usageLimited(let found) = event { limit.value = found }
        }
        if let found = limit.value, behaviour.autoWait {
          printer.note("waiting \(found.waitMinutes) min for the usage limit to reset (Ctrl-C to stop)")
          try await Task.sleep(for: .seconds(found.waitMinutes * 60))
          queue.insert(UsageLimit.continueMessage, at: 0)
        }
      }
    }
    let signals = SignalCancellation(task: work)
    var failure: (any Error)?
    do { try await work.value } catch { failure = error }
    signals.stop()
    try await session.end()
    if let handle = await session.resumeHandle { printer.note("resume handle: \(handle)") }
    switch failure {
    case nil: return
    case is CancellationError:
      printer.note("cancelled; turns already recorded are kept")
      throw ExitCode(130)
    case let error as CawError:
      printer.note("caw-tui: \(error.message)")
      throw ExitCode(1)
    case let error?:
      throw error
    }
  }
}

/// The usage limit a turn reported, set from the event callback.
private final class LimitBox: @unchecked Sendable {
  var value: UsageLimit?
}
