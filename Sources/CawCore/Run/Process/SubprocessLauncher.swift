import Foundation
import Subprocess
import SystemPackage

/// Runs agent CLIs as child processes with swift-subprocess: each in its own process group, stdout
/// read line by line and stderr drained at the same time, so neither pipe can fill up and stall the
/// child. Cancelling sends SIGTERM to the whole group, then SIGKILL after the grace period.
public struct SubprocessLauncher: ProcessLauncher {
  /// How long a cancelled CLI gets between SIGTERM and SIGKILL.
  public var gracePeriod: Duration
  /// The longest stdout line kept (longer ones are reported by length and dropped).
  public var maxLineBytes: Int

  /// Creates a launcher.
  public init(gracePeriod: Duration = .seconds(3), maxLineBytes: Int = 64 * 1024 * 1024) {
    self.gracePeriod = gracePeriod
    self.maxLineBytes = maxLineBytes
  }

  public func run(
    _ invocation: Invocation, onLine: @escaping @Sendable (StdoutLine) async throws -> Void
  ) async throws -> ProcessExit {
    var options = PlatformOptions()
    options.processGroupID = 0
    options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: gracePeriod)]
    var overrides: [Environment.Key: String?] = [:]
    for (name, value) in invocation.environmentOverrides {
      if let key = Environment.Key(rawValue: name) { overrides[key] = value }
    }
    let configuration = Configuration(
      executable: .path(FilePath(invocation.executable)),
      arguments: Arguments(invocation.arguments),
      environment: Environment.inherit.updating(overrides),
      workingDirectory: invocation.workingDirectory.map { FilePath($0) },
      platformOptions: options)
    let stdin = invocation.standardInput
    let maxLine = maxLineBytes
    let processGroup = ProcessGroupBox()
    do {
      let result = try await Subprocess.run(
        configuration, input: .inputWriter, output: .sequence, error: .sequence
      ) { execution in
        processGroup.set(execution.processIdentifier.value)
        if let stdin { _ = try await execution.standardInputWriter.write(stdin) }
        try await execution.standardInputWriter.finish()
        return try await withThrowingTaskGroup(of: String?.self) { group in
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
      processGroup.killStragglers()
      // swift-subprocess tears the process down on cancellation and returns normally; report it.
      try Task.checkCancellation()
      switch result.terminationStatus {
      case .exited(let code): return ProcessExit(exitCode: code, stderrTail: result.closureResult)
      case .signaled(let signal): return ProcessExit(exitCode: nil, signal: signal, stderrTail: result.closureResult)
      }
    } catch {
      processGroup.killStragglers()
      throw error
    }
  }
}

/// The child's process group, so that what it left running can be killed after it exits.
private final class ProcessGroupBox: @unchecked Sendable {
  private let lock = NSLock()
  private var group: pid_t = 0

  func set(_ pid: pid_t) { lock.withLock { group = pid } }

  /// SIGKILLs whatever is left in the group (grandchildren that outlived the CLI).
  func killStragglers() {
    let group = lock.withLock { self.group }
    if group > 0 { _ = kill(-group, SIGKILL) }
  }
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
