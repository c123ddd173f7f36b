/// Starts an agent CLI and hands its stdout back line by line. The real implementation runs a child
/// process; tests substitute scripted ones.
public protocol ProcessLauncher: Sendable {
  /// Runs `invocation` to completion, calling `onLine` with each stdout line (without its newline) as it
  /// arrives. Cancelling the calling task, or `onLine` throwing, ends the process (and its process
  /// group) and rethrows.
  func run(
    _ invocation: Invocation, onLine: @escaping @Sendable (StdoutLine) async throws -> Void
  ) async throws -> ProcessExit
}

/// One line of a CLI's stdout.
public enum StdoutLine: Sendable, Equatable {
  /// A line's bytes, without the trailing newline.
  case line([UInt8])
  /// A line longer than the launcher keeps; only its length is known.
  case oversized(byteCount: Int)
}

/// How a CLI process ended.
public struct ProcessExit: Sendable, Equatable {
  /// The exit status, nil when a signal ended it.
  public var exitCode: Int32?
  /// The signal that ended it, if any.
  public var signal: Int32?
  /// The end of what it wrote to stderr (at most ``ProcessExit/stderrLimit`` bytes, as text).
  public var stderrTail: String

  /// How much of stderr is kept.
  public static let stderrLimit = 64 * 1024

  /// Creates an exit record.
  public init(exitCode: Int32?, signal: Int32? = nil, stderrTail: String = "") {
    self.exitCode = exitCode
    self.signal = signal
    self.stderrTail = stderrTail
  }

  /// Whether the process exited with status 0.
  public var succeeded: Bool { exitCode == 0 }
}
