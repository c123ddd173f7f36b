import ArgumentParser
import CawCore
import Foundation

/// `caw-bench`: writes a large synthetic caw_data tree and prints each performance figure of issue 6 next to
/// Python caw 0.1.9's on the same files.
@main
struct CawBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "caw-bench",
    abstract: "Time CawCore and caw-tui on a large caw_data tree, side by side with Python caw.")

  @Option(help: "Number of sessions in the tree.")
  var sessions = 10_000

  @Option(help: "Size of the large session's trajectory.json in MB (0: none).")
  var largeMB = 100

  @Option(help: "Timed runs per figure (the median is printed).")
  var runs = 5

  @Option(help: "Where the tree is written (reused when it is already there).")
  var dir: String?

  @Option(help: "Python with coding-agent-wrapper 0.1.9 installed (empty: skip the Python figures).")
  var python = ".build/interop-venv/bin/python"

  @Flag(
    inversion: .prefixedNo,
    help: "Also list the same sessions from a Claude Code and Codex store written beside the tree.")
  var native = true

  @Option(help: "The caw-tui executable to time (default: next to caw-bench).")
  var cawTUI: String?

  @Flag(help: "Run only the search figures (issue 15), on their own tree.")
  var search = false

  @Flag(help: "Run only the TUI's own path figures (app loop, session service, `render`).")
  var tui = false

  @Flag(help: "Run only the search in the TUI (`S`): the index built behind keys, then queries.")
  var finder = false

  @Flag(help: "Run only the figures of the agents' own stores: their list and their search index.")
  var nativeOnly = false

  @Flag(help: "Run only the large session's figures (`show` beside `caw traj`, parse, timeline) and start-up.")
  var opening = false

  @Flag(help: "Run only the list matrix: both shapes, two seeds, 1,000 to 100,000 sessions, beside Python.")
  var matrix = false

  @Option(help: "The largest tree of the list matrix, in sessions.")
  var matrixMaxSessions = 100_000

  @Option(
    help: """
      The tree's shape: standard (0–6 tool calls per turn, mostly ASCII text) or dense (1–60 small tool calls \
      per turn, escapes everywhere); for --search also varied (a large vocabulary). synthetic is standard.
      """)
  var shape = "standard"

  @Option(help: "Seed of the tree's generator.")
  var seed: UInt64 = 6

  func run() throws {
    let executable =
      cawTUI
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("caw-tui")
      .path
    if matrix {
      let pythonCaw =
        python.isEmpty || !FileManager.default.isExecutableFile(atPath: python) ? nil : PythonCaw(python: python)
      try ListMatrix(
        cells: ListMatrix.cells(maxSessions: matrixMaxSessions), runs: runs, cawTUI: executable, python: pythonCaw
      ).run()
      return
    }
    if search {
      let root = dir ?? ".build/bench-data/search-\(shape)-\(seed)-\(sessions)-\(largeMB)"
      let tree = try SearchBenchTree.prepare(at: root, sessions: sessions, largeMB: largeMB, seed: seed, shape: shape)
      try SearchBenchmarks(tree: tree, runs: runs, cawTUI: executable, shape: shape).runAll()
      return
    }
    guard let treeShape = SyntheticShape.named(shape == "synthetic" ? "standard" : shape) else {
      throw ValidationError("no shape '\(shape)': standard or dense (varied is for --search only)")
    }
    let suffix = treeShape == .standard && seed == 6 ? "" : "-\(treeShape.name)-\(seed)"
    let root = dir ?? ".build/bench-data/\(sessions)-\(largeMB)\(suffix)"
    let tree = try BenchTree.prepare(at: root, sessions: sessions, largeMB: largeMB, shape: treeShape, seed: seed)
    let pythonCaw =
      python.isEmpty || !FileManager.default.isExecutableFile(atPath: python) ? nil : PythonCaw(python: python)
    if pythonCaw == nil { print("note: no Python caw at '\(python)'; Python figures are skipped") }
    var bench = Benchmarks(tree: tree, runs: runs, cawTUI: executable, python: pythonCaw)
    if native { bench.native = try NativeBenchTree.prepare(at: root, from: tree) }
    bench.renderList = FrameRenderer.list
    bench.renderTimeline = FrameRenderer.timeline
    if nativeOnly, let stores = bench.native {
      try bench.printSection("List of the same \(stores.files) sessions as Claude Code transcripts and Codex rollouts", bench.nativeFigures(stores))
      return
    }
    if opening { return try bench.runOpening() }
    if finder { return try bench.printSection("Search every session in the TUI (`S`)", bench.finderFigures()) }
    if tui {
      try bench.printSection("The TUI's own path (app loop and session service)", bench.tuiFigures())
      try bench.printSection("Search every session in the TUI (`S`)", bench.finderFigures())
      return
    }
    try bench.runAll()
  }
}
