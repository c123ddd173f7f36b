import Foundation

/// What a program run with a time limit did.
public struct TimedResult: Sendable {
  /// The exit status (`nil` when it was killed at the limit).
  public var status: Int32?
  /// Everything written to stdout.
  public var stdout: [UInt8]
  /// Everything written to stderr.
  public var stderr: [UInt8]
  /// stdout and stderr as text.
  public var text: String { String(decoding: stdout + stderr, as: UTF8.self) }
  /// Whether it ran past the limit and was killed.
  public var timedOut: Bool { status == nil }
}

extension ProcessRun {
  /// Runs `executable` and SIGKILLs it if it is still running after `limit`, so a test of a hang fails
  /// instead of hanging. Both pipes are drained while it runs. `$XDG_CACHE_HOME` is the one a given
  /// `environment` sets, else a fresh directory removed after the run.
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, limit: Duration,
    stdin: String? = nil
  ) throws -> TimedResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let scratch = environment?["XDG_CACHE_HOME"] == nil ? TempTree("caw-test-cache") : nil
    defer { withExtendedLifetime(scratch) {} }
    var environment = environment ?? ProcessInfo.processInfo.environment
    if let scratch { environment["XDG_CACHE_HOME"] = scratch.path }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
      try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
      try? input.fileHandleForWriting.close()
    }
    nonisolated(unsafe) var errData = Data()
    nonisolated(unsafe) var outData = Data()
    let readers = [
      Thread { errData = err.fileHandleForReading.readDataToEndOfFile() },
      Thread { outData = out.fileHandleForReading.readDataToEndOfFile() },
    ]
    readers.forEach { $0.start() }
    let deadline = Date().addingTimeInterval(Double(limit.components.seconds))
    var killed = false
    while process.isRunning {
      if Date() > deadline {
        kill(process.processIdentifier, SIGKILL)
        killed = true
        break
      }
      usleep(10_000)
    }
    process.waitUntilExit()
    while readers.contains(where: { !$0.isFinished }) { usleep(1000) }
    return TimedResult(status: killed ? nil : process.terminationStatus, stdout: Array(outData), stderr: Array(errData))
  }
}
