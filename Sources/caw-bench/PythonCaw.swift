import CawCore
import Foundation

/// Python caw 0.1.9 on the same files: its CLI as a process, its readers timed inside one interpreter.
struct PythonCaw {
  /// The venv's python.
  var python: String

  /// The `caw` entry point next to the python.
  var caw: String { URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("caw").path }

  /// Median seconds of each reader, timed in-process so interpreter start-up is not counted.
  func readerTimes(dataDirectory: String, largeFile: String?, runs: Int) throws -> [String: Double] {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-\(UUID().uuidString).py")
    try Self.script.write(to: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: script) }
    let run = try Measure.run(python, [script.path, dataDirectory, largeFile ?? "", String(runs)])
    guard run.status == 0, let value = try? JSONParser.parse(Array(run.output.utf8)), let object = value.objectValue else {
      throw BenchError("the Python reader script failed (status \(run.status)): \(run.output.prefix(400))")
    }
    return object.reduce(into: [:]) { $0[$1.key] = $1.value.numberValue?.doubleValue }
  }

  /// Times caw's readers: `FastStats` (head and tail of each file), the full `json.loads` +
  /// `Trajectory.from_dict`, and `json.load` of the large file.
  private static let script = #"""
    import json, statistics, sys, time
    from pathlib import Path
    from caw.faststats import FastStats
    from caw.models import Trajectory

    data, large, runs = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])

    def median(fn, n):
        fn()
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    def fast_list():
        return list(FastStats.iter_directory(data))

    def full_list():
        out = []
        for d in sorted((data / "sessions").iterdir()):
            p = d / "trajectory.json"
            if p.is_file():
                out.append(Trajectory.from_dict(json.loads(p.read_bytes())))
        return out

    def resort(stats):
        return sorted((s for s in stats if "claude" in s.model), key=lambda s: -s.cost_usd)

    result = {}
    result["faststats_list"] = median(fast_list, runs)
    stats = fast_list()
    result["faststats_resort"] = median(lambda: resort(stats), runs)
    result["full_list"] = median(full_list, min(runs, 3))
    if large:
        raw = Path(large).read_bytes()
        result["json_loads_large"] = median(lambda: json.loads(raw), runs)
        data_large = json.loads(raw)
        result["from_dict_large"] = median(lambda: Trajectory.from_dict(data_large), runs)
        result["faststats_large"] = median(lambda: FastStats.from_path(large), runs)
    print(json.dumps(result))
    """#
}
