import CawCore
import Foundation

extension Benchmarks {
  /// `show` against `caw traj`, reading the large trajectory, its first timeline screen and its largest
  /// tool output.
  func sessionFigures(_ session: String, _ py: (String) -> Double?) throws -> [Figure] {
    let file = session + "/trajectory.json"
    let id = URL(fileURLWithPath: session).lastPathComponent
    let size = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_048_576
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
    let reader = SessionReader(DataDirectory(tree.dataDirectory))
    var figures: [Figure] = []

    let show = try Measure.medianRun(runs: runs, cawTUI, ["show", id, "--data-dir", tree.dataDirectory])
    let pythonTraj = try python.map { try Measure.medianRun(runs: runs, $0.caw, ["traj", file]) }
    figures.append(Figure(name: String(format: "`caw-tui show` vs `caw traj` (%.0f MB)", size), value: show.seconds * 1000, cpu: show.cpuSeconds * 1000, python: pythonTraj.map { $0.seconds * 1000 }, unit: "ms"))
    if let pythonTraj {
      figures.append(Figure(name: "show: times faster than `caw traj`", value: pythonTraj.seconds / show.seconds, unit: "x", target: .atLeast(10)))
      figures.append(Figure(name: "show vs `caw traj`, CPU time (less load-dependent)", value: show.cpuSeconds * 1000, python: pythonTraj.cpuSeconds * 1000, unit: "ms"))
      figures.append(Figure(name: "show: times less CPU than `caw traj`", value: pythonTraj.cpuSeconds / show.cpuSeconds, unit: "x", target: .atLeast(10)))
      figures.append(Figure(name: "show: peak RSS", value: show.peakMiB, python: pythonTraj.peakMiB, unit: "MiB", target: .atMost(pythonTraj.peakMiB / 2)))
    } else {
      figures.append(Figure(name: "show: peak RSS", value: show.peakMiB, unit: "MiB"))
    }
    let jsonLoad = py("json_loads_large")
    figures.append(try timed("parse + decode trajectory.json, skimmed", python: jsonLoad) { _ = try Trajectory.read(bytes, skimmingContent: true) })
    figures.append(try timed("parse + decode trajectory.json, in full", python: jsonLoad.map { $0 + (py("from_dict_large") ?? 0) }) { _ = try Trajectory.read(bytes) })
    figures.append(timed("summary of the session (list row)", python: py("faststats_large")) { _ = reader.summarise(id) })
    figures.append(
      try timed("timeline first screen: full load + 50 turns", target: .atMost(1000)) {
        let turns = try reader.load(id).trajectory?.turns ?? []
        renderTimeline(turns.prefix(Self.screenRows))
      })
    let loaded = try reader.load(id).trajectory?.turns ?? []
    let middle = loaded.count / 2
    figures.append(
      timed("timeline scroll: one screen of turns", target: .atMost(10)) {
        renderTimeline(loaded[middle..<min(middle + Self.screenRows, loaded.count)])
      })
    let largest = loaded.flatMap(\.toolCalls).max { $0.output.utf8.count < $1.output.utf8.count }?.output ?? ""
    figures.append(
      timed(String(format: "open a %.1f MB tool output: lines + first screen", Double(largest.utf8.count) / 1_048_576), target: .atMost(10)) {
        let lines = LineIndex(largest)
        _ = (0..<min(Self.screenRows, lines.count)).map { TextSanitizer.singleLine(String(lines[$0]), limit: 200) }
      })
    return figures
  }
}
