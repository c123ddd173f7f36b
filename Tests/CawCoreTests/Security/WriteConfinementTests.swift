import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Issue 12, item 1: writes never leave the data directory, whatever links a session holds.
@Suite("Writes stay inside the data directory", .serialized)
struct WriteConfinementTests {
  /// Every file under `root` with its bytes (links listed by target), to compare before and after.
  static func snapshot(_ root: String) -> [String: String] {
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      let path = root + "/" + relative
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
        files[relative] = "-> " + target
      } else if let data = FileManager.default.contents(atPath: path) {
        files[relative] = String(decoding: data, as: UTF8.self)
      } else {
        files[relative] = "(directory)"
      }
    }
    return files
  }

  /// A data directory with one recorded claude session, and a copy of that session outside the tree.
  private func recordedSession(_ tree: TempTree) throws -> (FakeScenario, id: String, outside: String) {
    let scenario = try FakeScenario(
      tree,
      [
        FakeScenario.entry("claude", "first", FakeScenario.claudeLines("one")),
        FakeScenario.entry("claude", "more", FakeScenario.claudeLines("two")),
      ])
    let id = "0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d"
    let run = try scenario.run(["run", "--data-dir", scenario.data, "--provider", "claude", "--session-id", id, "first"])
    try #require(run.status == 0, "run failed: \(run.stderr)")
    let outside = tree.path + "/elsewhere/victim"
    try FileManager.default.createDirectory(atPath: tree.path + "/elsewhere", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: scenario.data + "/sessions/" + id, toPath: outside)
    return (scenario, id, outside)
  }

  @Test("resume refuses a session directory that is a link out of the tree, and writes nothing there")
  func linkedSessionDirectory() throws {
    let tree = TempTree()
    let (scenario, _, outside) = try recordedSession(tree)
    try FileManager.default.createSymbolicLink(atPath: scenario.data + "/sessions/linked", withDestinationPath: outside)
    let before = Self.snapshot(tree.path + "/elsewhere")
    let resume = try scenario.run(["resume", "--data-dir", scenario.data, "linked", "more"])
    #expect(resume.status != 0)
    #expect(resume.stderr.contains("symbolic link"), "stderr: \(resume.stderr)")
    #expect(Self.snapshot(tree.path + "/elsewhere") == before)
  }

  @Test("resume refuses turns/ or traj.jsonl linking out of the tree, or traj.jsonl hard-linked elsewhere", arguments: [
    "turns", "traj.jsonl", "hardlink",
  ])
  func linkedFiles(_ kind: String) throws {
    let tree = TempTree()
    let (scenario, id, outside) = try recordedSession(tree)
    let session = scenario.data + "/sessions/" + id
    switch kind {
    case "turns":
      try FileManager.default.removeItem(atPath: session + "/turns")
      try FileManager.default.createSymbolicLink(atPath: session + "/turns", withDestinationPath: outside + "/turns")
    case "traj.jsonl":
      try FileManager.default.removeItem(atPath: session + "/traj.jsonl")
      try FileManager.default.createSymbolicLink(atPath: session + "/traj.jsonl", withDestinationPath: outside + "/traj.jsonl")
    default:
      try FileManager.default.removeItem(atPath: session + "/traj.jsonl")
      try FileManager.default.linkItem(atPath: outside + "/traj.jsonl", toPath: session + "/traj.jsonl")
    }
    let before = Self.snapshot(tree.path + "/elsewhere")
    let resume = try scenario.run(["resume", "--data-dir", scenario.data, id, "more"])
    #expect(resume.status != 0, "resume went through: \(resume.stderr)")
    #expect(resume.stderr.contains(kind == "hardlink" ? "hard link" : "symbolic link"), "stderr: \(resume.stderr)")
    #expect(Self.snapshot(tree.path + "/elsewhere") == before)
  }

  @Test("a trajectory.json that is a link is replaced inside the session, never written through")
  func linkedTrajectoryFile() throws {
    let tree = TempTree()
    let (scenario, id, outside) = try recordedSession(tree)
    let session = scenario.data + "/sessions/" + id
    try FileManager.default.removeItem(atPath: session + "/trajectory.json")
    try FileManager.default.createSymbolicLink(
      atPath: session + "/trajectory.json", withDestinationPath: outside + "/trajectory.json")
    let before = Self.snapshot(tree.path + "/elsewhere")
    let resume = try scenario.run(["resume", "--data-dir", scenario.data, id, "more"])
    #expect(Self.snapshot(tree.path + "/elsewhere") == before)
    if resume.status == 0 {
      let link = try? FileManager.default.destinationOfSymbolicLink(atPath: session + "/trajectory.json")
      #expect(link == nil, "trajectory.json is still a link")
    }
  }
}
