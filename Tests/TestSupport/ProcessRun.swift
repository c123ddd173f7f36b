import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult: Sendable {
  /// The exit status.
  public var status: Int32
  /// Everything written to stdout, as UTF-8.
  public var stdout: String
  /// Everything written to stderr, as UTF-8.
  public var stderr: String
}

/// Runs programs for tests, draining both pipes while the child runs.
public enum ProcessRun {
  /// Runs `executable` with `arguments`; output is read concurrently so a chatty child cannot block.
  ///
  /// `$XDG_CACHE_HOME` is `cacheHome`, else the one a given `environment` sets (both directories of the
  /// test's), else a fresh directory removed after the run: a child never writes into the developer's own
  /// cache.
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, cwd: String? = nil,
    cacheHome: String? = nil
  ) throws -> ProcessResult {
    let given = environment?["XDG_CACHE_HOME"]
    let scratch = cacheHome == nil && given == nil ? TempTree("caw-test-cache") : nil
    var environment = environment ?? ProcessInfo.processInfo.environment
    environment["XDG_CACHE_HOME"] = cacheHome ?? given ?? scratch?.path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { usleep(1000) }
    withExtendedLifetime(scratch) {}
    return ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// The package's root directory.
  public static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The `caw-tui` executable built next to the test bundle, or the one `CAW_TUI_UNDER_TEST` names (to run
  /// the same tests against a release build).
  public static let cawTUI: String = {
    if let given = ProcessInfo.processInfo.environment["CAW_TUI_UNDER_TEST"], FileManager.default.isExecutableFile(atPath: given) {
      return given
    }
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent()] {
      let path = candidate.appendingPathComponent("caw-tui").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return packageRoot + "/.build/debug/caw-tui"
  }()
}

extension ProcessRun {
  /// Runs a program with its output discarded and returns its exit status and peak resident memory
  /// (KiB), read from its /proc `VmHWM` while it runs. (`wait4`'s `ru_maxrss` would not do: a child
  /// spawned from a large test process inherits the parent's high-water mark across `exec`.)
  public static func peakMemory(_ executable: String, _ arguments: [String], environment: [String: String]) throws
    -> (status: Int32, maxRSSKiB: Int)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var peak = 0
    while process.isRunning {
      peak = max(peak, highWaterMark(process.processIdentifier) ?? 0)
      usleep(5_000)
    }
    process.waitUntilExit()
    return (process.terminationStatus, peak)
  }

  /// `VmHWM` of a running process in KiB.
  private static func highWaterMark(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
  }
}
