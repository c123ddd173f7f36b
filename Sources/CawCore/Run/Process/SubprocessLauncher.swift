import Foundation
import Subprocess
import SystemPackage
import Synchronization

/// Runs agent CLIs as child processes with swift-subprocess: each as the leader of its own session (and
/// so its own process group), stdin written while stdout is read line by line and stderr drained, so no
/// pipe can fill up and stall the child. Cancelling sends SIGTERM to the whole group, then SIGKILL after
/// the grace period.
///
/// With a ``watchdog`` host, the CLI runs under the ``AgentWatchdog``, which leads the session: the CLI
/// dies with this process (`kill -9` included), and whatever it left running in the session is killed
/// when it exits, while the session is still pinned by the live watchdog. Without one, what is left in
/// the session is killed after the CLI has been reaped.
public struct SubprocessLauncher: ProcessLauncher {
  /// How long a cancelled CLI gets between SIGTERM and SIGKILL.
  public var gracePeriod: Duration
  /// The longest stdout line kept (longer ones are reported by length and dropped).
  public var maxLineBytes: Int
  /// An executable that runs ``AgentWatchdog`` when given its mode argument, or nil for none.
  public var watchdog: String?

  /// Creates a launcher; the watchdog defaults to this program when it hosts one (``AgentWatchdog/hostIfEnabled``).
  public init(
    gracePeriod: Duration = .seconds(3), maxLineBytes: Int = 64 * 1024 * 1024,
    watchdog: String? = AgentWatchdog.hostIfEnabled
  ) {
    self.gracePeriod = gracePeriod
    self.maxLineBytes = maxLineBytes
    self.watchdog = watchdog
  }

  public func run(
    _ invocation: Invocation, onLine: @escaping @Sendable (StdoutLine) async throws -> Void
  ) async throws -> ProcessExit {
    var options = PlatformOptions()
    // A new session is also a new process group (its id is the CLI's pid), which the teardown signals.
    options.createSession = true
    options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: gracePeriod)]
    var overrides: [Environment.Key: String?] = [:]
    for (name, value) in invocation.environmentOverrides {
      if let key = Environment.Key(rawValue: name) { overrides[key] = value }
    }
    // The watchdog execs the CLI after the working directory is changed: give it an absolute path.
    let cli =
      invocation.executable.hasPrefix("/") || !invocation.executable.contains("/")
      ? invocation.executable : FileManager.default.currentDirectoryPath + "/" + invocation.executable
    let (executable, arguments) =
      watchdog.map { ($0, AgentWatchdog.arguments(parent: getpid(), executable: cli) + invocation.arguments) }
      ?? (invocation.executable, invocation.arguments)
    let configuration = Configuration(
      executable: .path(FilePath(executable)),
      arguments: Arguments(arguments),
      environment: Environment.inherit.updating(overrides),
      workingDirectory: invocation.workingDirectory.map { FilePath($0) },
      platformOptions: options)
    let stdin = invocation.standardInput
    let maxLine = maxLineBytes
    let leader = SessionLeader()
    do {
      let result = try await Subprocess.run(
        configuration, input: .inputWriter, output: .sequence, error: .sequence
      ) { execution in
        leader.set(execution.processIdentifier.value)
        return try await withThrowingTaskGroup(of: String?.self) { group in
          group.addTask {
            // A CLI may exit without reading its stdin; its exit status and stderr say why, not EPIPE.
            do {
              if let stdin { _ = try await execution.standardInputWriter.write(stdin) }
            } catch {}
            try? await execution.standardInputWriter.finish()
            return nil
          }
          group.addTask {
            var tail = StderrTail()
            for try await chunk in execution.standardError { chunk.withUnsafeBytes { tail.append($0) } }
            return tail.text
          }
          group.addTask {
            var splitter = LineSplitter(maxLineBytes: maxLine)
            for try await chunk in execution.standardOutput {
              let lines = chunk.withUnsafeBytes { splitter.push(UnsafeRawBufferPointer($0)) }
              for line in lines { try await onLine(line) }
            }
            if let last = splitter.finish() { try await onLine(last) }
            return nil
          }
          var stderrText = ""
          for try await text in group { if let text { stderrText = text } }
          return stderrText
        }
      }
      if watchdog == nil { ProcessSession.terminate(result.processIdentifier.value) }
      // swift-subprocess tears the process down on cancellation and returns normally; report it.
      try Task.checkCancellation()
      switch result.terminationStatus {
      case .exited(let code): return ProcessExit(exitCode: code, stderrTail: result.closureResult)
      case .signaled(let signal): return ProcessExit(exitCode: nil, signal: signal, stderrTail: result.closureResult)
      }
    } catch {
      if watchdog == nil { ProcessSession.terminate(leader.pid) }
      throw error
    }
  }
}

/// The CLI's pid (the leader of its session), for killing what it left behind after a failure.
private final class SessionLeader: Sendable {
  private let value = Mutex<pid_t>(0)
  func set(_ pid: pid_t) { value.withLock { $0 = pid } }
  var pid: pid_t { value.withLock { $0 } }
}

/// Keeps the last ``ProcessExit/stderrLimit`` bytes of stderr.
private struct StderrTail {
  private var bytes: [UInt8] = []

  mutating func append(_ chunk: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: chunk)
    if bytes.count > 2 * ProcessExit.stderrLimit { bytes.removeFirst(bytes.count - ProcessExit.stderrLimit) }
  }

  var text: String {
    String(decoding: bytes.suffix(ProcessExit.stderrLimit), as: UTF8.self)
  }
}
