import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Issue 12, item 5: nesting is limited in every reader, and memory stays bounded by something other
/// than the input: a huge single-line `traj.jsonl`, and `export --format json` and `render` of a huge
/// trajectory, are streamed.
@Suite("Bounded memory on hostile and huge inputs", .serialized)
struct BoundedMemoryTests {
  static let megabyte = 1 << 20

  /// Writes `prefix`, `count` bytes of `fill` and `suffix` to `path`.
  static func writeLarge(_ path: String, prefix: String = "", count: Int, fill: UInt8, suffix: String = "") throws {
    try #require(FileManager.default.createFile(atPath: path, contents: nil), "cannot create \(path)")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data(prefix.utf8))
    let block = Data(repeating: fill, count: megabyte)
    var left = count
    while left > 0 {
      let n = min(left, megabyte)
      try handle.write(contentsOf: n == megabyte ? block : block.prefix(n))
      left -= n
    }
    try handle.write(contentsOf: Data(suffix.utf8))
  }

  private func environment(_ tree: TempTree) -> [String: String] {
    ["PATH": "/usr/bin:/bin", "HOME": tree.path, "XDG_CACHE_HOME": tree.path + "/cache"]
  }

  /// A valid `traj.jsonl` for a one-turn session `id`.
  private func eventLog(_ id: String) -> [UInt8] {
    let t = Trajectory(agent: "codex", model: "m", sessionID: id, createdAt: "2026-01-01T00:00:00+00:00", turns: [Turn(input: "hi")])
    return TrajEvent.lines([TrajEvent.metadata(t)] + TrajEvent.turn(t.turns[0], index: 0))
  }

  @Test("a 20 MB trajectory.json of '[' is refused at 1000 levels by the skimming reader, in little memory")
  func deepNesting() throws {
    let tree = TempTree()
    let session = tree.path + "/data/sessions/deep"
    try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
    try Self.writeLarge(session + "/trajectory.json", count: 20 * Self.megabyte, fill: UInt8(ascii: "["))
    tree.write("data/sessions/deep/traj.jsonl", bytes: eventLog("deep"))
    let (status, peak) = try ProcessRun.peakMemory(
      ProcessRun.cawTUI, ["list", "--no-cache", "--data-dir", tree.path + "/data"], environment: environment(tree))
    #expect(status == 0)
    #expect(peak < 150 * 1024, "list of a 20 MB '[' file peaked at \(peak / 1024) MiB")
    // The skimming and the full reader give the same verdict, in the full reader's words.
    let reader = SessionReader(DataDirectory(tree.path + "/data"))
    let skimmed = reader.loadDirectory(named: "deep", skimmingContent: true)
    let full = reader.loadDirectory(named: "deep")
    #expect(skimmed.problems == full.problems)
    #expect(skimmed.source == .eventLog)
    #expect(skimmed.problems.first?.message.contains("nesting deeper than 1000 levels") == true, "\(skimmed.problems)")
  }

  @Test("a 200 MB single-line traj.jsonl is listed in memory bounded by the line limit, not by its size")
  func hugeLogLine() throws {
    let tree = TempTree()
    let session = tree.path + "/data/sessions/wide"
    try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
    let t = Trajectory(agent: "codex", model: "m", sessionID: "wide", createdAt: "2026-01-01T00:00:00+00:00", turns: [Turn(input: "hi")])
    tree.write("data/sessions/wide/trajectory.json", bytes: t.trajectoryFileBytes())
    try Self.writeLarge(
      session + "/traj.jsonl", prefix: #"{"type":"text","turn_index":0,"text":""#, count: 200 * Self.megabyte,
      fill: UInt8(ascii: "a"), suffix: "\"}")
    for arguments in [["list", "--no-cache"], ["show", "wide"], ["export", "wide", "-o", tree.path + "/out.json"]] {
      let (status, peak) = try ProcessRun.peakMemory(
        ProcessRun.cawTUI, arguments + ["--data-dir", tree.path + "/data"], environment: environment(tree))
      #expect(status == 0, "\(arguments)")
      #expect(peak < 150 * 1024, "\(arguments.joined(separator: " ")) peaked at \(peak / 1024) MiB")
    }
  }

  /// A 120 MB session: two turns whose text and tool output are 30 MB each, written as caw writes it
  /// (so its JSON export is the file itself) without building the text in memory.
  private func hugeSession(_ tree: TempTree) throws -> String {
    let placeholder = "@@TEXT@@"
    let call = ToolUse(id: "c1", name: "Bash", arguments: .object(["command": "cat big"]), output: placeholder)
    let turn = Turn(input: "go", output: [.text(placeholder), .toolUse(call)], durationMS: 1)
    let t = Trajectory(
      agent: "codex", model: "m", sessionID: "huge", createdAt: "2026-01-01T00:00:00+00:00", turns: [turn, turn])
    let parts = String(decoding: t.trajectoryFileBytes(), as: UTF8.self).components(separatedBy: placeholder)
    // The text as caw's writer escapes it: ASCII, with \u00e9 and \n escapes.
    let unit = Data(String(repeating: #"All work and no play makes Jack a dull boy. \u00e9\n"#, count: 20_000).utf8)
    let path = tree.path + "/data/sessions/huge/trajectory.json"
    try FileManager.default.createDirectory(atPath: tree.path + "/data/sessions/huge", withIntermediateDirectories: true)
    try #require(FileManager.default.createFile(atPath: path, contents: nil), "cannot create \(path)")
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.write(contentsOf: Data(parts[0].utf8))
    for part in parts.dropFirst() {
      for _ in 0..<(30 * Self.megabyte / unit.count) { try handle.write(contentsOf: unit) }
      try handle.write(contentsOf: Data(part.utf8))
    }
    try handle.close()
    tree.write("data/sessions/huge/traj.jsonl", bytes: eventLog("huge"))
    return tree.path + "/data"
  }

  @Test("export --format json of a 120 MB trajectory streams: small peak, bytes identical to trajectory.json")
  func streamingExport() throws {
    let tree = TempTree()
    let data = try hugeSession(tree)
    let out = tree.path + "/export.json"
    let (status, peak) = try ProcessRun.peakMemory(
      ProcessRun.cawTUI, ["export", "huge", "--format", "json", "-o", out, "--data-dir", data], environment: environment(tree))
    #expect(status == 0)
    #expect(peak < 100 * 1024, "export peaked at \(peak / 1024) MiB")
    #expect(FileManager.default.contentsEqual(atPath: out, andPath: data + "/sessions/huge/trajectory.json"))
  }

  @Test("render of a 120 MB session holds a bounded amount of its text")
  func boundedRender() throws {
    let tree = TempTree()
    let data = try hugeSession(tree)
    for keys in ["", "Enter Enter"] {
      let (status, peak) = try ProcessRun.peakMemory(
        ProcessRun.cawTUI, ["render", "--keys", keys, "--data-dir", data], environment: environment(tree))
      #expect(status == 0)
      #expect(peak < 150 * 1024, "render --keys '\(keys)' peaked at \(peak / 1024) MiB")
    }
  }
}
