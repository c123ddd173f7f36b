import Foundation

/// Timing and memory measurements: medians of repeated runs, and child processes' wall time and peak RSS.
enum Measure {
  /// Wall and CPU seconds (user + system, all threads) of one piece of work.
  struct Timing {
    var seconds: Double
    var cpuSeconds: Double
  }

  /// The median wall and CPU time of `runs` calls of `body` (one untimed warm-up call first).
  static func median(runs: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Timing {
    if warmUp { try body() }
    var times: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<max(runs, 1) {
      let cpuStart = cpuTime(RUSAGE_SELF.rawValue)
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      cpu.append(cpuTime(RUSAGE_SELF.rawValue) - cpuStart)
    }
    return Timing(seconds: middle(times), cpuSeconds: middle(cpu))
  }

  /// Wall times of `runs` calls of `body`, sorted (for percentiles).
  static func samples(runs: Int, _ body: () throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    for _ in 0..<max(runs, 1) {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()
  }

  /// CPU seconds used so far by this process (`RUSAGE_SELF`) or its reaped children (`RUSAGE_CHILDREN`).
  static func cpuTime(_ who: Int32) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }

  /// The middle value (the mean of the two middle values for an even count).
  static func middle(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }

  /// The value `fraction` of `values` are at or below (nearest rank); 0 for none.
  static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
  }

  /// One run of a program: wall seconds, peak resident memory in MiB, and its standard output.
  struct ProcessRun {
    var seconds: Double
    var cpuSeconds: Double
    var peakMiB: Double
    var status: Int32
    var output: String
  }

  /// Runs `executable` once; with `pollingMemory`, polls `/proc/PID/status` for `VmHWM` every 2 ms (a
  /// spawned child's `ru_maxrss` would include the parent's high-water mark, which it inherits across
  /// `exec`); else it only checks every 2 ms whether the program has ended, and reports no peak.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, pollingMemory: Bool = true
  ) throws -> ProcessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out) }
    let handle = try FileHandle(forWritingTo: out)
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let cpuStart = cpuTime(RUSAGE_CHILDREN.rawValue)
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    var peak = 0
    while process.isRunning {
      if pollingMemory { peak = max(peak, highWaterMark(process.processIdentifier) ?? 0) }
      usleep(2_000)
    }
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = cpuTime(RUSAGE_CHILDREN.rawValue) - cpuStart
    try handle.close()
    let output = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    return ProcessRun(
      seconds: seconds, cpuSeconds: cpuSeconds, peakMiB: Double(peak) / 1024, status: process.terminationStatus,
      output: output)
  }

  /// Runs a program once untimed, measuring its peak RSS, then `runs` times timed, and returns the median
  /// wall time and CPU time with the untimed run's peak RSS.
  static func medianRun(
    runs: Int, _ executable: String, _ arguments: [String], environment: [String: String]? = nil
  ) throws -> ProcessRun {
    // One untimed run first, as the in-process figures and Python's have: the files it reads are then in
    // the page cache, which this machine empties of pages not read for a while (DAMON pageout). It is the
    // one whose memory is polled: polling every 2 ms takes CPU from the two cores the timed runs use
    // (measured: the cold list 20-30 ms slower than by `perf stat`), and Python's reader is not polled.
    let untimed = try run(executable, arguments, environment: environment)
    var results: [ProcessRun] = []
    for _ in 0..<max(runs, 1) {
      results.append(try run(executable, arguments, environment: environment, pollingMemory: false))
    }
    guard let last = results.last else { throw BenchError("no run of \(executable)") }
    if let failed = results.first(where: { $0.status != 0 }) {
      throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with \(failed.status)")
    }
    return ProcessRun(
      seconds: middle(results.map(\.seconds)), cpuSeconds: middle(results.map(\.cpuSeconds)), peakMiB: untimed.peakMiB,
      status: 0,
      output: last.output)
  }

  /// This process's current resident memory in MiB (`VmRSS`).
  static func residentMiB() -> Double {
    Double(statusField("VmRSS", of: getpid()) ?? 0) / 1024
  }

  private static func highWaterMark(_ pid: Int32) -> Int? { statusField("VmHWM", of: pid) }

  private static func statusField(_ name: String, of pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
    else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
  }
}

/// A benchmark that could not run, with the reason.
struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
