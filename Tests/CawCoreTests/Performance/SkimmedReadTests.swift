import Foundation
import TestSupport
import Testing

@testable import CawCore

/// A large skimmed copy has its turns parsed and decoded on every core; what it gives (the trajectory,
/// the problems in their order, an error) must be what the serial read of the same copy gives.
@Suite("Skimmed read in parts")
struct SkimmedReadTests {
  /// The serial read and the read in parts of the file's skimmed copy; the second is nil when the
  /// parts were not taken (the read fell back to the whole copy).
  private func bothReads(of bytes: [UInt8], in tree: TempTree) throws -> (
    serial: Result<(Trajectory?, [ReadProblem]), JSONParseError>,
    parts: Result<(Trajectory?, [ReadProblem]), JSONParseError>,
    tookParts: Bool
  )? {
    tree.write("trajectory.json", bytes: bytes)
    guard case .compact(let compact, _, let turns) = try ContentSkimmer.skim(file: tree.path + "/trajectory.json")
    else { return nil }
    let serial = Result { () throws(JSONParseError) in
      let read = try Trajectory.read(compact, skimmingContent: true)
      return (read.trajectory, read.problems)
    }
    let parts = Result { () throws(JSONParseError) in
      let read = try Trajectory.readSkimmed(compact, turns: turns, partsFrom: 0)
      return (read.trajectory, read.problems)
    }
    let tookParts = turns.map { Trajectory.readInParts(compact, $0) != nil } ?? false
    return (serial, parts, tookParts)
  }

  private func expectSame(
    _ reads: (
      serial: Result<(Trajectory?, [ReadProblem]), JSONParseError>,
      parts: Result<(Trajectory?, [ReadProblem]), JSONParseError>, tookParts: Bool
    ), _ label: String
  ) {
    switch (reads.serial, reads.parts) {
    case (.success(let a), .success(let b)):
      #expect(a.0 == b.0, "\(label): the trajectories differ")
      #expect(a.1 == b.1, "\(label): problems \(a.1) against \(b.1)")
    case (.failure(let a), .failure(let b)):
      #expect(a == b, "\(label)")
    default:
      Issue.record("\(label): serial \(reads.serial) against parts \(reads.parts)")
    }
  }

  @Test("every session of generated trees of both shapes reads the same in parts, and in parts it is read")
  func generatedTrees() throws {
    for (shape, seed) in [(SyntheticShape.standard, UInt64(6)), (.dense, 7)] {
      let data = TempTree("skimmed-read-data")
      var synthetic = SyntheticTree(sessionCount: 40, largeSessionMegabytes: 2, seed: seed)
      synthetic.shape = shape
      let ids = try synthetic.write(to: data.path)
      let tree = TempTree("skimmed-read")
      var inParts = 0
      for id in ids {
        let bytes = try FileSystem.read(data.path + "/sessions/" + id + "/trajectory.json")
        let reads = try #require(try bothReads(of: bytes, in: tree), "\(id) was not skimmed")
        expectSame(reads, "\(shape.name) \(id)")
        if reads.tookParts { inParts += 1 }
      }
      // Every session with two turns or more is read in parts.
      #expect(inParts >= ids.count / 2, "\(shape.name): \(inParts) of \(ids.count) read in parts")
    }
  }

  /// A document of three turns with `middle` as its second, and `after` as its last members.
  private func document(middle: String, after: String = #""metadata": {}"#) -> [UInt8] {
    let turn =
      #"{"input": "a", "output": [{"type": "text", "text": "t"}, "#
      + #"{"type": "tool_use", "id": "1", "name": "Bash", "input": {}, "output": "o"}], "usage": {"input_tokens": 3}}"#
    return Array(
      """
      {
        "agent": "claude_code",
        "session_id": "s",
        "turns": [
          \(turn),
          \(middle),
          \(turn)
        ],
        \(after)
      }

      """.utf8)
  }

  @Test("damaged documents read the same in parts, or fall back to the whole copy")
  func damagedDocuments() throws {
    let tree = TempTree("skimmed-read-damage")
    let cases: [(String, [UInt8], Bool)] = [
      ("a turn of wrong types", document(middle: #"{"input": 5, "output": "x", "usage": []}"#), true),
      ("a turn that is an array", document(middle: "[1, 2]"), true),
      ("a turn that is a number", document(middle: "5"), false),
      ("a turn that is a string", document(middle: #""five""#), false),
      ("a turn that is null", document(middle: "null"), false),
      ("metadata of the wrong type after the turns", document(middle: "{}", after: #""metadata": 7"#), true),
      (
        "problems in a turn, before the turns and after them",
        document(middle: #"{"input": 5}"#, after: #""metadata": 7, "model": 3"#), true
      ),
      ("a second turns that is not an array", document(middle: "{}", after: #""turns": 5"#), false),
      ("a second turns array", document(middle: "{}", after: #""turns": [{}]"#), false),
      (
        "a turn with a subagent",
        document(
          middle: #"{"output": [{"type": "tool_use", "name": "Task", "#
            + #""subagent_trajectory": {"agent": "x", "turns": [{"input": 1}]}}]}"#), true
      ),
      ("invalid UTF-8 in a turn", document(middle: "{\"input\": \"\u{FF}\"}").map { $0 == 0xC3 ? 0xFF : $0 }, true),
      ("a bad escape in a turn", document(middle: #"{"input": "\x"}"#), false),
      ("a turn that is not closed", document(middle: #"{"input": "a""#), false),
      ("a missing comma between turns", document(middle: "{} {}"), false),
    ]
    for (label, bytes, inParts) in cases {
      guard let reads = try bothReads(of: bytes, in: tree) else {
        #expect(!inParts, "\(label): not skimmed")
        continue
      }
      expectSame(reads, label)
      #expect(reads.tookParts == inParts, "\(label): read in parts \(reads.tookParts)")
    }
  }

  @Test("a turn nested to the parser's depth limit fails as in the whole copy, one level less reads the same")
  func depth() throws {
    let tree = TempTree("skimmed-read-depth")
    for depth in [JSONParser.defaultMaxDepth - 4, JSONParser.defaultMaxDepth - 3, JSONParser.defaultMaxDepth - 2] {
      let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      let bytes = document(middle: "{\"metadata_x\": \(nested)}")
      guard let reads = try bothReads(of: bytes, in: tree) else { continue }  // too deep for the skimmer
      expectSame(reads, "nested \(depth)")
    }
  }
}
