import CawCore
import Foundation

/// The figures of issue 15's search index, on a ``SearchBenchTree``, each query beside `grep -rF` of the
/// same phrase over the same tree in the same run.
struct SearchBenchmarks {
  var tree: SearchBenchTree
  var runs: Int
  var cawTUI: String
  /// `synthetic` or `varied`: which queries fit the tree's text.
  var shape: String

  /// Measures everything and prints it.
  func runAll() throws {
    print(
      "\(tree.sessions) sessions; trajectory.json \(tree.trajectoryBytes >> 20) MiB, traj.jsonl \(tree.eventLogBytes >> 20) MiB, "
        + "whole tree \(tree.treeBytes >> 20) MiB; medians of \(runs) runs; load average \(Benchmarks.loadAverage)")
    let xdg = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-search-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: xdg) }
    let cache = xdg + "/caw-tui"
    let data = DataDirectory(tree.dataDirectory)

    // The first full build, with searches made from another thread while it runs.
    var figures: [Figure] = []
    print("building the index of \(tree.sessions) sessions …")
    let index = try SQLiteSearchIndex(dataDirectory: data, cacheDirectory: cache)
    let probe = try SearchQuery("datetime")
    let during = LatencyProbe()
    let cpuStart = Measure.cpuTime(RUSAGE_SELF.rawValue)
    let start = DispatchTime.now().uptimeNanoseconds
    let prober = Thread {
      while !during.stopped {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try? index.search(probe, limit: 50)
        during.add(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        usleep(50_000)
      }
    }
    prober.start()
    let built = try index.refresh()
    during.stop()
    let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let buildCPU = Measure.cpuTime(RUSAGE_SELF.rawValue) - cpuStart
    guard built.sessionsIndexed == tree.sessions else { throw BenchError("search: indexed \(built.sessionsIndexed) of \(tree.sessions) sessions") }
    let status = try index.status()
    figures.append(Figure(name: "first full index build", value: buildSeconds * 1000, cpu: buildCPU * 1000, python: nil, unit: "ms", target: .atMost(60_000)))
    let latencies = during.sorted
    if !latencies.isEmpty {
      figures.append(Figure(name: "query during the build, p50 (\(latencies.count) queries)", value: Measure.middle(latencies), python: nil, unit: "ms", target: .atMost(50)))
      figures.append(Figure(name: "query during the build, max", value: latencies.last!, python: nil, unit: "ms"))
    }
    let mib = { (bytes: Int) in Double(bytes) / 1_048_576 }
    figures.append(
      Figure(name: "index on disk (baseline: trajectory.json)", value: mib(status.bytesOnDisk), python: mib(tree.trajectoryBytes), unit: "MiB", target: .atMost(mib(tree.trajectoryBytes))))
    figures.append(
      Figure(name: "index on disk (baseline: + traj.jsonl)", value: mib(status.bytesOnDisk), python: mib(tree.trajectoryBytes + tree.eventLogBytes), unit: "MiB"))

    // Queries, each beside grep -rF of its phrase.
    let sessionsPath = data.sessionsPath
    let queries = try self.queries(data)
    for (label, text, phrase) in queries {
      let query = try SearchQuery(text)
      let found = try index.search(query, limit: 50)
      guard !found.hits.isEmpty else { throw BenchError("search: no hit for \(text)") }
      let grep = try phrase.map { try grepSeconds($0, in: sessionsPath) * 1000 }
      let timing = try Measure.median(runs: max(runs, 5)) { _ = try index.search(query, limit: 50) }
      var figure = Figure(name: "query: \(label), 50 hits", value: timing.seconds * 1000, cpu: timing.cpuSeconds * 1000, python: grep, unit: "ms", target: .atMost(50))
      figures.append(figure)
      if grep != nil {
        figure = Figure(name: "  times faster than grep -rF", value: figure.ratio ?? 0, python: nil, unit: "x", target: .atLeast(10))
        figures.append(figure)
      }
    }
    let common = try SearchQuery(queries[2].1)
    let counted = try Measure.median(runs: max(runs, 5)) { _ = try index.search(common, limit: 50, after: nil, counting: true) }
    figures.append(Figure(name: "query: common word, 50 hits and the count", value: counted.seconds * 1000, cpu: counted.cpuSeconds * 1000, python: nil, unit: "ms", target: .atMost(50)))

    // The CLI, as a user runs it.
    let environment = ["XDG_CACHE_HOME": xdg, "PATH": "/usr/bin:/bin"]
    let needleGrep = try grepSeconds(SearchBenchTree.needle, in: sessionsPath) * 1000
    let cliArguments = ["search", "--data-dir", tree.dataDirectory, "--json", "\"\(SearchBenchTree.needle)\""]
    let plain = try Measure.medianRun(runs: runs, cawTUI, cliArguments + ["--no-update"], environment: environment)
    let updating = try Measure.medianRun(runs: runs, cawTUI, cliArguments, environment: environment)
    figures.append(Figure(name: "`caw-tui search --no-update` process, rare phrase", value: plain.seconds * 1000, cpu: plain.cpuSeconds * 1000, python: needleGrep, unit: "ms"))
    figures.append(Figure(name: "`caw-tui search` process (stats every session)", value: updating.seconds * 1000, cpu: updating.cpuSeconds * 1000, python: needleGrep, unit: "ms"))

    // Updates after one session changed.
    figures += try updateFigures(index, data)
    printSection(figures)
  }

  /// The queries timed: label, query, and the phrase grep looks for (nil when grep has no equivalent).
  /// On the varied tree the words come from a session's text (the tree is made up of invented words).
  private func queries(_ data: DataDirectory) throws -> [(String, String, String?)] {
    let rare = ("rare phrase (5 blocks)", "\"\(SearchBenchTree.needle)\"", Optional(SearchBenchTree.needle))
    guard shape == "varied" else {
      return [
        rare, ("common phrase", "\"naive datetime\"", "naive datetime"), ("common word", "test", "test"),
        ("prefix", "migrat*", nil), ("AND NOT", "datetime NOT timezone", nil),
      ]
    }
    let reader = SessionReader(data)
    let ids = try reader.sessionIDs()
    var words: [String] = []
    for id in ids[(ids.count / 2)...] where words.count < 4 {
      for turn in try reader.load(id).trajectory?.turns ?? [] {
        words += turn.input.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }.filter { $0.count >= 4 && $0.allSatisfy(\.isASCII) }
      }
    }
    guard words.count >= 4 else { throw BenchError("search: no words to query in the varied tree") }
    return [
      rare, ("phrase from a prompt", "\"\(words[0]) \(words[1])\"", "\(words[0]) \(words[1])"), ("word from a prompt", words[2], words[2]),
      ("prefix", String(words[3].prefix(3)) + "*", nil), ("AND NOT", "\(words[2]) NOT \(words[0])", nil),
    ]
  }

  /// One ordinary session and the large one, changed by a new turn, then brought up to date.
  private func updateFigures(_ index: SQLiteSearchIndex, _ data: DataDirectory) throws -> [Figure] {
    let reader = SessionReader(data)
    let ids = try reader.sessionIDs()
    let ordinary = ids[ids.count / 3]
    var figures: [Figure] = []
    var samples: [Double] = []
    var cpuSamples: [Double] = []
    var refreshSamples: [Double] = []
    var session = try Changer(data: data, id: ordinary)
    for _ in 0..<max(runs * 2, 10) {
      try session.addTurn()
      let c0 = Measure.cpuTime(RUSAGE_SELF.rawValue)
      let t0 = DispatchTime.now().uptimeNanoseconds
      let result = try index.update(sessions: [ordinary])
      samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      cpuSamples.append((Measure.cpuTime(RUSAGE_SELF.rawValue) - c0) * 1000)
      guard result.sessionsIndexed == 1 else { throw BenchError("search: the changed session was not re-indexed") }
      try session.addTurn()
      let t1 = DispatchTime.now().uptimeNanoseconds
      _ = try index.refresh()
      refreshSamples.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
    }
    try session.restore()
    _ = try index.update(sessions: [ordinary])
    figures.append(Figure(name: "update after one session changed (watcher)", value: Measure.middle(samples), cpu: Measure.middle(cpuSamples), python: nil, unit: "ms", target: .atMost(100)))
    figures.append(Figure(name: "refresh after one session changed (stat all)", value: Measure.middle(refreshSamples), python: nil, unit: "ms", target: .atMost(100)))
    if let large = tree.largeSession {
      var big = try Changer(data: data, id: large)
      var largeSamples: [Double] = []
      for _ in 0..<2 {
        try big.addTurn()
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = try index.update(sessions: [large])
        largeSamples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      }
      try big.restore()
      _ = try index.update(sessions: [large])
      figures.append(Figure(name: "update after the 100 MB session changed", value: Measure.middle(largeSamples), python: nil, unit: "ms"))
    }
    return figures
  }

  private func printSection(_ figures: [Figure]) {
    print("\n## Search\n")
    print(Figure.header(baseline: "grep -rF"))
    for figure in figures { print(figure.line) }
    print("\nload average at the end: \(Benchmarks.loadAverage)")
  }

  /// Median seconds of `grep -rF PHRASE DIR` (output to /dev/null).
  private func grepSeconds(_ phrase: String, in directory: String) throws -> Double {
    try Self.grepSeconds(phrase, in: directory, runs: runs)
  }

  /// Median seconds of `grep -rF PHRASE DIR` (output to /dev/null) over `runs` runs (at least 3).
  static func grepSeconds(_ phrase: String, in directory: String, runs: Int) throws -> Double {
    var times: [Double] = []
    for _ in 0..<max(runs, 3) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/grep")
      process.arguments = ["-rF", "--", phrase, directory]
      process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
      process.standardError = FileHandle(forWritingAtPath: "/dev/null")
      let start = DispatchTime.now().uptimeNanoseconds
      try process.run()
      process.waitUntilExit()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      guard process.terminationStatus == 0 else { throw BenchError("grep found no \(phrase)") }
    }
    return Measure.middle(times)
  }
}

/// Query latencies collected from another thread.
private final class LatencyProbe: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Double] = []
  private var done = false

  var stopped: Bool { lock.withLock { done } }
  var sorted: [Double] { lock.withLock { values.sorted() } }
  func add(_ value: Double) { lock.withLock { values.append(value) } }
  func stop() { lock.withLock { done = true } }
}

/// Adds turns to a session of the benchmark tree, and puts its files back afterwards.
private struct Changer {
  let data: DataDirectory
  let id: String
  private let saved: [String: Data]
  private var store: SessionStore
  private var trajectory: Trajectory

  init(data: DataDirectory, id: String) throws {
    self.data = data
    self.id = id
    let path = data.sessionsPath + "/" + id
    var saved: [String: Data] = [:]
    for name in ["trajectory.json", "traj.jsonl"] { saved[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)) }
    self.saved = saved
    store = try SessionStore(dataDirectory: data.path, sessionID: id, resume: true)
    guard let t = try SessionReader(data).load(id).trajectory else { throw BenchError("search: session \(id) is broken") }
    trajectory = t
  }

  mutating func addTurn() throws {
    let turn = Turn(input: "Follow-up \(trajectory.turns.count): check the cache keys.", output: [.text("Checked; nothing to change.")])
    trajectory.turns.append(turn)
    try store.appendTurn(turn, trajectory: trajectory, rawOutput: "")
  }

  /// Puts the session's files back as they were (the turn files written stay; no reader looks at them).
  func restore() throws {
    let path = data.sessionsPath + "/" + id
    for (name, bytes) in saved { try bytes.write(to: URL(fileURLWithPath: path + "/" + name)) }
  }
}
