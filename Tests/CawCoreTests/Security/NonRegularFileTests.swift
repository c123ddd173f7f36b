import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

/// Issue 12, item 4: a FIFO (or any file that is not regular) in a session never blocks a reader.
@Suite("FIFOs and other non-regular files never block a reader", .serialized)
struct NonRegularFileTests {
  static let limit: Duration = .seconds(60)

  /// A tree with a good session and a session `fifo` whose `name` is a FIFO (the other file is valid).
  private func tree(fifo name: String) throws -> (TempTree, data: String) {
    let tree = TempTree()
    let data = tree.path + "/data"
    let good = Trajectory(agent: "codex", model: "m", sessionID: "good", createdAt: "2026-01-01T00:00:00+00:00")
    tree.write("data/sessions/good/trajectory.json", bytes: good.trajectoryFileBytes())
    var fifo = Trajectory(agent: "codex", model: "m", sessionID: "fifo", createdAt: "2026-01-02T00:00:00+00:00")
    fifo.metadata["thread_id"] = "01a233e6-c17e-77f1-91cb-af40543964c7"
    fifo.turns = [Turn(input: "hi", output: [.text("ok")])]
    if name == "trajectory.json" {
      tree.write("data/sessions/fifo/traj.jsonl", bytes: TrajEvent.lines([TrajEvent.metadata(fifo)] + TrajEvent.turn(fifo.turns[0], index: 0)))
    } else {
      tree.write("data/sessions/fifo/trajectory.json", bytes: fifo.trajectoryFileBytes())
    }
    try #require(mkfifo(data + "/sessions/fifo/" + name, 0o644) == 0)
    try FileManager.default.createDirectory(atPath: data + "/sessions/fifo/turns", withIntermediateDirectories: true)
    try #require(mkfifo(data + "/sessions/fifo/turns/000_raw_output.jsonl", 0o644) == 0)
    tree.write("data/sessions/fifo/turns/000_input.txt", "hi")
    return (tree, data)
  }

  @Test("list, show, export, handle, resume and render finish and name the FIFO", arguments: ["traj.jsonl", "trajectory.json"])
  func commandsFinish(_ name: String) throws {
    let (tree, data) = try tree(fifo: name)
    let environment = ["PATH": "/usr/bin:/bin", "HOME": tree.path, "XDG_CACHE_HOME": tree.path + "/cache"]
    for arguments in [
      ["list", "--no-cache"], ["list"], ["show", "fifo"], ["export", "fifo"], ["export", "fifo", "--format", "markdown"],
      ["handle", "fifo"], ["render", "--keys", "Enter"], ["resume", "fifo", "more"],
    ] {
      let run = try ProcessRun.run(
        ProcessRun.cawTUI, arguments + ["--data-dir", data], environment: environment, limit: Self.limit)
      #expect(!run.timedOut, "caw-tui \(arguments.joined(separator: " ")) blocked on the FIFO")
      if arguments.first == "list" && arguments.count == 2 {
        #expect(run.text.contains("fifo"), "\(run.text)")
      }
      if arguments.first == "show" {
        #expect(run.text.contains("FIFO"), "show does not name the FIFO: \(run.text)")
      }
    }
  }

  @Test("resume of a session whose only file is a FIFO names the FIFO, not a missing session")
  func resumeNamesALoneFIFO() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    try FileManager.default.createDirectory(atPath: data + "/sessions/lone", withIntermediateDirectories: true)
    try #require(mkfifo(data + "/sessions/lone/traj.jsonl", 0o644) == 0)
    let environment = ["PATH": "/usr/bin:/bin", "HOME": tree.path, "XDG_CACHE_HOME": tree.path + "/cache"]
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["resume", "lone", "more", "--data-dir", data], environment: environment, limit: Self.limit)
    #expect(!run.timedOut)
    #expect(run.status == 1)
    #expect(run.text.contains("Cannot resume 'lone': cannot read"), "\(run.text)")
    #expect(run.text.contains("traj.jsonl: it is a FIFO, not a regular file"), "\(run.text)")
  }

  @Test("import of a FIFO path, or of a stream whose NNN_input.txt is a FIFO, finishes with an error")
  func importFinishes() throws {
    let (tree, data) = try tree(fifo: "traj.jsonl")
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["import", data + "/sessions/fifo/turns/000_raw_output.jsonl"], environment: nil, limit: Self.limit)
    #expect(!run.timedOut, "import blocked on the FIFO")
    #expect(run.status != 0)
    #expect(run.text.contains("FIFO"), "\(run.text)")
    tree.write("stream/000_raw_output.jsonl", #"{"type":"result","subtype":"success","result":"x"}"#)
    try #require(mkfifo(tree.path + "/stream/000_input.txt", 0o644) == 0)
    let sibling = try ProcessRun.run(
      ProcessRun.cawTUI, ["import", "--provider", "claude", tree.path + "/stream/000_raw_output.jsonl"], environment: nil,
      limit: Self.limit)
    #expect(!sibling.timedOut, "import blocked on the FIFO input file")
  }

  @Test("the reader reports the FIFO as a problem of its session and lists the rest")
  func readerReportsFIFO() throws {
    let (tree, data) = try tree(fifo: "traj.jsonl")
    defer { withExtendedLifetime(tree) {} }
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["list", "--no-cache", "--json", "--data-dir", data], limit: Self.limit)
    #expect(!run.timedOut)
    #expect(run.status == 0, "\(run.text)")
    let text = String(decoding: run.stdout, as: UTF8.self)
    #expect(text.contains("\"good\""))
    #expect(text.contains("a FIFO, not a regular file"), "\(text)")
  }
}
