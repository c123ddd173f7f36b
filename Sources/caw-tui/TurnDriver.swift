import ArgumentParser
import CawCore
import Foundation
import Synchronization

/// Runs a session's messages one after another for `run` and `resume`: lists the run in the
/// ``RunRegistry`` while it records, prints events, waits out usage limits when asked, turns Ctrl-C into
/// a clean cancel, ends the session and prints its resume handle.
struct TurnDriver {
  let session: AgentSession
  let dataDirectory: DataDirectory
  let behaviour: RunBehaviour

  /// Sends each message, then ends the session. Exits 130 after Ctrl-C, 1 after a failed turn.
  ///
  /// Signals are caught before anything else, so a Ctrl-C at any point ends in a clean cancel. While it
  /// records, SIGPIPE is ignored: a recorder must outlive a closed output pipe (`caw-tui run … | head`)
  /// and a CLI that stops reading its stdin; such writes fail instead.
  func run(_ messages: [String]) async throws {
    let signals = SignalCancellation()
    let previousPipeAction = signal(SIGPIPE, SIG_IGN)
    defer {
      signals.stop()
      signal(SIGPIPE, previousPipeAction)
    }
    let printer = RunPrinter(verbose: behaviour.verbose)
    printer.note("session \(session.sessionID) in \(session.directory)")
    if let index = await session.interruptedTurn {
      printer.note(
        "turn \(SessionStore.turnPrefix(index)) was cut short when its recorder died; it is kept as recorded "
          + "so far and marked interrupted")
    }
    let registry = RunRegistry()
    let registration: RunRecord?
    do {
      registration = try registry.register(
        sessionID: session.sessionID, dataDirectory: dataDirectory.path, provider: await session.settings.provider)
    } catch {
      registration = nil
      printer.note("caw-tui: warning: this run is not listed in \(registry.directory) (\(error.message)); "
        + "`caw-tui runs` and the TUI will not show it")
    }
    defer { registration.map(registry.unregister) }
    let work = Task { () async throws -> Void in
      var queue = messages
      while !queue.isEmpty {
        let message = queue.removeFirst()
        let limit = LimitBox()
        try await session.send(message) { event in
          printer.print(event)
          if case .usageLimited(let found) = event { limit.set(found) }
        }
        if let found = limit.value, behaviour.autoWait {
          printer.note("waiting \(found.waitMinutes) min for the usage limit to reset (Ctrl-C to stop)")
          try await Task.sleep(for: .seconds(found.waitMinutes * 60))
          queue.insert(UsageLimit.continueMessage, at: 0)
        }
      }
    }
    signals.attach(work)
    var failure: (any Error)?
    do { try await work.value } catch { failure = error }
    try await session.end()
    if await session.trajectory.turns.isEmpty {
      printer.note("no turn was recorded, so the session has no resume handle")
    } else if let handle = await session.resumeHandle {
      printer.note("resume handle: \(handle)")
    }
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
private final class LimitBox: Sendable {
  private let found = Mutex<UsageLimit?>(nil)

  var value: UsageLimit? { found.withLock { $0 } }

  func set(_ limit: UsageLimit) { found.withLock { $0 = limit } }
}
