import Foundation
import Synchronization

/// An agent CLI's version as its `--version` prints it (`codex-cli 0.163.0`, `2.1.327 (Claude Code)`).
public struct CLIVersion: Sendable, Equatable {
  /// The first non-empty line the CLI printed.
  public var text: String
  /// The first dotted number in it (`[0, 163, 0]`), empty when there is none.
  public var numbers: [Int]

  /// Reads a `--version` line.
  public init(_ text: String) {
    self.text = text
    let token = text.split(whereSeparator: { $0 == " " || $0 == "v" || $0 == "(" }).first { part in
      part.first?.isNumber == true && part.contains(".")
    }
    numbers = token.map { $0.split(separator: ".").map { Int($0.prefix(while: \.isNumber)) ?? 0 } } ?? []
  }

  /// Whether this is at least `other` (`[0, 163]` ≤ `0.163.0`); false when no number was read.
  public func isAtLeast(_ other: [Int]) -> Bool {
    guard !numbers.isEmpty else { return false }
    return !numbers.lexicographicallyPrecedes(other)
  }

  /// Runs `executable --version` (10 s limit) and reads its first line; nil when it printed nothing.
  /// Answers are remembered per executable path, size and modification time.
  public static func probe(_ executable: String) async -> Result<CLIVersion, ProbeFailure> {
    var info = stat()
    let key = stat(executable, &info) == 0 ? "\(executable)|\(info.st_size)|\(info.st_mtim.tv_sec)|\(info.st_mtim.tv_nsec)" : ""
    if !key.isEmpty, let known = cache.withLock({ $0[key] }) { return known }
    let answer = await run(executable)
    if !key.isEmpty { cache.withLock { $0[key] = answer } }
    return answer
  }

  /// Why a `--version` probe has no version.
  public enum ProbeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case printedNothing
    case exited(String)
    case noAnswer

    public var description: String {
      switch self {
      case .printedNothing: return "(printed nothing)"
      case .exited(let status): return "(exit \(status))"
      case .noAnswer: return "(no answer to --version)"
      }
    }
  }

  private static let cache = Mutex<[String: Result<CLIVersion, ProbeFailure>]>([:])

  /// Thrown from the line handler once the first line is in: nothing more of the output is read.
  private struct GotLine: Error {}

  private static func run(_ executable: String) async -> Result<CLIVersion, ProbeFailure> {
    let first = Mutex<String?>(nil)
    let probe = Task {
      try await SubprocessLauncher(gracePeriod: .seconds(1), maxLineBytes: 4096).run(
        Invocation(executable: executable, arguments: ["--version"])
      ) { line in
        guard case .line(let bytes) = line else { return }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return }
        first.withLock { $0 = text }
        throw GotLine()
      }
    }
    let timeout = Task {
      try await Task.sleep(for: .seconds(10))
      probe.cancel()
    }
    defer { timeout.cancel() }
    let outcome = await probe.result
    if let line = first.withLock({ $0 }) { return .success(CLIVersion(line)) }
    switch outcome {
    case .success(let exit): return .failure(exit.succeeded ? .printedNothing : .exited(exit.exitCode.map(String.init) ?? "signal"))
    case .failure: return .failure(.noAnswer)
    }
  }
}
