import CawCore
import Foundation

/// The figures of issue 6, measured on one tree, each printed next to Python caw's figure for the same work.
///
/// The frame figures (first frame, keystroke → frame, scrolling, follow → frame) include drawing the frame:
/// `caw-bench` plugs the TUI's off-screen renderer (`FrameRenderer`, the real `AppView` into a cell grid)
/// into ``renderList`` and ``renderTimeline``.
struct Benchmarks {
  var tree: BenchTree
  var runs: Int
  var cawTUI: String
  var python: PythonCaw?
  /// The same sessions in the agents' own stores, when they are timed too.
  var native: NativeBenchTree?
  /// Draws a list frame of these rows.
  var renderList: ([SessionSummary]) -> Void = { _ in }
  /// Draws a timeline frame of these turns.
  var renderTimeline: (ArraySlice<Turn>) -> Void = { _ in }

  /// Rows on one screen of the list or the timeline.
  static let screenRows = 50

  /// Measures everything and prints one table per section.
  func runAll() throws {
    print("\(tree.sessions) sessions, \(tree.totalBytes >> 20) MB of trajectory.json; medians of \(runs) runs; load average \(Self.loadAverage)")
    let pythonTimes = try python.map {
      try $0.readerTimes(dataDirectory: tree.dataDirectory, largeFile: tree.largeSession.map { $0 + "/trajectory.json" }, runs: runs)
    } ?? [:]
    let py = { (key: String) -> Double? in pythonTimes[key].map { $0 * 1000 } }
    try printSection("List of \(tree.sessions) sessions", listFigures(py))
    if let native { try printSection("List of the same \(native.files) sessions as Claude Code transcripts and Codex rollouts", nativeFigures(native)) }
    if let large = tree.largeSession { try printSection("One large session", sessionFigures(large, py)) }
    try printSection("The TUI's own path (app loop and session service)", tuiFigures())
    try printSection("Search every session in the TUI (`S`)", finderFigures())
    try printSection("Live follow", followFigures())
    try printSection("Start-up", startupFigures())
    print("\nload average at the end: \(Self.loadAverage)")
  }

  /// Only the large session's figures (`show` beside `caw traj`, its parse and timeline) and start-up.
  func runOpening() throws {
    print("the large session of \(tree.sessions) sessions; medians of \(runs) runs; load average \(Self.loadAverage)")
    guard let large = tree.largeSession else { throw BenchError("the tree has no large session (--large-mb 0)") }
    let pythonTimes = try python.map { try $0.readerTimes(dataDirectory: tree.dataDirectory, largeFile: large + "/trajectory.json", runs: runs) } ?? [:]
    try printSection("One large session", sessionFigures(large) { pythonTimes[$0].map { $0 * 1000 } })
    try printSection("Start-up", startupFigures())
    print("\nload average at the end: \(Self.loadAverage)")
  }

  /// `/proc/loadavg`'s first three fields: how busy the machine was (others share it).
  static var loadAverage: String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  func printSection(_ section: String, _ figures: [Figure]) {
    print("\n## \(section)\n")
    print(Figure.header)
    for figure in figures { print(figure.line) }
  }

  /// A figure for an in-process timing.
  func timed(_ name: String, python: Double? = nil, target: Figure.Target? = nil, _ body: () throws -> Void) rethrows -> Figure {
    let timing = try Measure.median(runs: runs, body)
    return Figure(name: name, value: timing.seconds * 1000, cpu: timing.cpuSeconds * 1000, python: python, unit: "ms", target: target)
  }

  // MARK: - List

  private func listFigures(_ py: (String) -> Double?) throws -> [Figure] {
    let reader = SessionReader(DataDirectory(tree.dataDirectory))
    let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-cache-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
    let cache = SummaryCache(directory: cacheDirectory)
    var figures: [Figure] = []
    figures.append(
      try timed("first screen, no index (order + 50 summaries)", python: py("faststats_list"), target: .atMost(300)) {
        let ids = try reader.idsNewestFirst()
        renderList(ids.prefix(Self.screenRows).map(reader.summarise))
      })
    figures.append(try timed("every summary, no index", python: py("full_list")) { renderList(try reader.listSessions()) })
    _ = try reader.listSessions(cache: cache)
    figures.append(
      try timed("every summary, with the index", python: py("faststats_list"), target: .atMost(100)) {
        renderList(try reader.listSessions(cache: cache))
      })
    let environment = ["XDG_CACHE_HOME": cacheDirectory, "PATH": "/usr/bin:/bin"]
    return figures + (try listProcessFigures("list", arguments: ["list", "--data-dir", tree.dataDirectory], environment: environment))
  }

  /// `caw-tui ARGUMENTS` timed as a process without and with its index (written by one untimed run),
  /// and its peak memory both ways.
  func listProcessFigures(_ label: String, arguments: [String], environment: [String: String]) throws -> [Figure] {
    let cold = try Measure.medianRun(runs: runs, cawTUI, arguments + ["--no-cache"], environment: environment)
    _ = try Measure.medianRun(runs: 1, cawTUI, arguments, environment: environment)
    let warm = try Measure.medianRun(runs: runs, cawTUI, arguments, environment: environment)
    return [
      Figure(name: "`caw-tui \(label) --no-cache` process", value: cold.seconds * 1000, cpu: cold.cpuSeconds * 1000, unit: "ms"),
      Figure(name: "`caw-tui \(label)` process (index)", value: warm.seconds * 1000, cpu: warm.cpuSeconds * 1000, unit: "ms"),
      Figure(name: "`caw-tui \(label) --no-cache` peak RSS", value: cold.peakMiB, unit: "MiB", target: .atMost(150)),
      Figure(name: "`caw-tui \(label)` peak RSS (index)", value: warm.peakMiB, unit: "MiB", target: .atMost(150)),
    ]
  }
}
