import CawCore
import Foundation

/// `caw-bench --matrix`: the cold list (no index) and the indexed list of `caw-tui`, each beside Python
/// caw's full reader and `FastStats` in the same run, on trees of both shapes, two seeds and three sizes,
/// so a figure counts only when it holds on trees it was not tuned for.
struct ListMatrix {
  /// One tree of the matrix.
  struct Cell {
    var shape: SyntheticShape
    var seed: UInt64
    var sessions: Int
  }

  var cells: [Cell]
  var runs: Int
  var cawTUI: String
  var python: PythonCaw?

  /// Both shapes at 1,000 and 10,000 sessions with seeds 6 and 7, and the standard shape at 100,000;
  /// cells above `maxSessions` are left out.
  static func cells(maxSessions: Int) -> [Cell] {
    var cells: [Cell] = []
    for shape in SyntheticShape.all {
      cells.append(Cell(shape: shape, seed: 6, sessions: 1_000))
      cells.append(Cell(shape: shape, seed: 6, sessions: 10_000))
      cells.append(Cell(shape: shape, seed: 7, sessions: 10_000))
    }
    cells.append(Cell(shape: .standard, seed: 6, sessions: 100_000))
    return cells.filter { $0.sessions <= maxSessions }
  }

  /// Generates each tree (or reuses it), times it, prints one row per tree.
  func run() throws {
    print(
      "list, cold (no index) and with the index; caw-tui as processes (`list --json`), medians of \(runs) runs; load average \(Benchmarks.loadAverage)"
    )
    print(
      "python: full = json.loads + Trajectory.from_dict of every trajectory.json (median of up to 3 runs); faststats = FastStats.iter_directory (median)\n"
    )
    print(
      "| shape | seed | sessions | trajectory.json | caw-tui cold | cpu | python full | ratio | caw-tui index | python faststats | ratio | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for cell in cells {
      let root = ".build/bench-data/matrix-\(cell.shape.name)-\(cell.seed)-\(cell.sessions)"
      let tree = try BenchTree.prepare(
        at: root, sessions: cell.sessions, largeMB: 0, shape: cell.shape, seed: cell.seed)
      let cache = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-matrix-\(UUID().uuidString)")
        .path
      defer { try? FileManager.default.removeItem(atPath: cache) }
      let environment = ["XDG_CACHE_HOME": cache, "PATH": "/usr/bin:/bin"]
      let arguments = ["list", "--json", "--source", "caw", "--data-dir", tree.dataDirectory]
      let cold = try Measure.medianRun(runs: runs, cawTUI, arguments + ["--no-cache"], environment: environment)
      _ = try Measure.medianRun(runs: 1, cawTUI, arguments, environment: environment)
      let warm = try Measure.medianRun(runs: runs, cawTUI, arguments, environment: environment)
      let py = try python?.readerTimes(dataDirectory: tree.dataDirectory, largeFile: nil, runs: runs)
      let full = py?["full_list"].map { $0 * 1000 }
      let fast = py?["faststats_list"].map { $0 * 1000 }
      func ms(_ v: Double?) -> String { v.map { String(format: "%.0f ms", $0) } ?? "-" }
      func ratio(_ theirs: Double?, _ ours: Double) -> String {
        theirs.map { String(format: "%.1fx", $0 / max(ours, 1e-9)) } ?? "-"
      }
      print(
        "| \(cell.shape.name) | \(cell.seed) | \(cell.sessions) | \(tree.totalBytes >> 20) MB | \(ms(cold.seconds * 1000)) | "
          + "\(ms(cold.cpuSeconds * 1000)) | \(ms(full)) | \(ratio(full, cold.seconds * 1000)) | \(ms(warm.seconds * 1000)) | "
          + "\(ms(fast)) | \(ratio(fast, warm.seconds * 1000)) | \(String(format: "%.0f", cold.peakMiB)) / \(String(format: "%.0f", warm.peakMiB)) MiB |"
      )
      fflush(nil)  // a row as soon as it is measured, even into a pipe
    }
    print("\nload average at the end: \(Benchmarks.loadAverage)")
  }
}
