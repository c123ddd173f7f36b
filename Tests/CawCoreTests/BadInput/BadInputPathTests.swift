import CawCore
import Foundation
import OrderedCollections
import Testing

/// Hostile names and text: links out of the tree, unsafe session ids, terminal escape sequences.
@Suite("BadInput: hostile paths and text")
struct BadInputPathTests {
  /// The model name planted outside the data directory; it must never show up in what is read.
  static let outsideModel = "outside-secret-model"

  /// Writes a valid finished three-turn session with ``outsideModel`` to `<root>/<relative>/`.
  static func plantOutsideSession(_ tree: BadInputTree, _ relative: String) throws {
    let trajectory = CawFixture.trajectory(
      "outside", turns: (0..<3).map { CawFixture.turn($0) }, count: 3, completedAt: CawFixture.completedAt,
      model: outsideModel)
    try tree.write(relative + "/trajectory.json", trajectory.trajectoryFile)
    try tree.write(
      relative + "/traj.jsonl", CawFixture.jsonl([CawFixture.metadataEvent("outside", model: outsideModel)]))
  }

  @Test("a session directory linking out of the data directory is listed as broken and not followed")
  func sessionDirectoryLinkingOut() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try Self.plantOutsideSession(tree, "outside/target")
    try tree.link(BadInputTree.session("escaped"), to: tree.root + "/outside/target")
    try tree.link(BadInputTree.session("dangling"), to: tree.root + "/outside/missing")
    try tree.write(
      session: "good", "trajectory.json",
      CawFixture.trajectoryFile("good", turns: 1, completedAt: CawFixture.completedAt))

    let (summaries, escaped) = try tree.unchanged { (try tree.reader.listSessions(), try tree.reader.load("escaped")) }
    #expect(summaries.map(\.id).sorted() == ["dangling", "escaped", "good"])
    #expect(summaries.first { $0.id == "good" }?.status == .finished)
    #expect(summaries.allSatisfy { $0.model != Self.outsideModel && $0.turnCount <= 1 })
    let dangling = try #require(summaries.first { $0.id == "dangling" })
    #expect(dangling.status == .broken)
    #expect(dangling.brokenReason == "a symbolic link to nothing")

    #expect(escaped.status == .broken)
    #expect(escaped.brokenReason?.contains("outside the data directory") == true)
    #expect(escaped.brokenReason?.hasSuffix("not followed") == true)
    #expect(escaped.trajectory == nil)
    #expect(escaped.eventLog == nil)
    #expect(escaped.problems.isEmpty)
    #expect(escaped.lastModified == 0)
  }

  @Test("a trajectory.json linking out of its session directory is not followed")
  func trajectoryFileLinkingOut() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try Self.plantOutsideSession(tree, "outside")
    try tree.write(
      session: "good", "trajectory.json",
      CawFixture.trajectoryFile("good", turns: 2, completedAt: CawFixture.completedAt))
    // Out of the data directory, with a valid traj.jsonl beside the link.
    try tree.write(session: "linked-out", "traj.jsonl", CawFixture.eventLog("linked-out", turns: 1))
    try tree.link(BadInputTree.session("linked-out") + "/trajectory.json", to: tree.root + "/outside/trajectory.json")
    // Into a sibling session: inside the data directory but outside its own session directory.
    try tree.makeDirectory(BadInputTree.session("linked-sibling"))
    try tree.link(
      BadInputTree.session("linked-sibling") + "/trajectory.json",
      to: tree.root + "/caw_data/sessions/good/trajectory.json")

    let (out, sibling) = try tree.unchanged {
      (tree.reader.loadDirectory(named: "linked-out"), tree.reader.loadDirectory(named: "linked-sibling"))
    }
    #expect(out.source == .eventLog)
    #expect(out.status == .unfinished)
    #expect(out.trajectory?.model == "opus")
    #expect(out.trajectory?.turns.count == 1)
    #expect(out.problems.count == 1)
    let problem = try #require(out.problems.first)
    #expect(problem.message.hasPrefix("trajectory.json: a symbolic link to "))
    #expect(problem.message.hasSuffix("not followed; read traj.jsonl instead"))

    #expect(sibling.status == .broken)
    #expect(sibling.trajectory == nil)
    #expect(sibling.brokenReason?.hasPrefix("trajectory.json: a symbolic link to ") == true)
    #expect(sibling.brokenReason?.hasSuffix("not followed") == true)
  }

  /// `FileSystem.list` decodes names with U+FFFD replacement, and `sessionIDs` then cannot `lstat` the
  /// decoded name, so such a directory vanished from the list with no error.
  @Test("a session directory whose name is not UTF-8 is listed as broken, not silently dropped")
  func sessionNameNotUTF8() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try tree.write(session: "good", "trajectory.json", CawFixture.trajectoryFile("good", turns: 1))
    try tree.makeDirectory(rawPath: Array(BadInputTree.session("sess-").utf8) + [0xFF])

    let summaries = try tree.unchanged { try tree.reader.listSessions() }
    #expect(summaries.count == 2, "listed: \(summaries.map(\.id))")
    #expect(summaries.contains { $0.id != "good" && $0.status == .broken })
  }

  @Test("unsafe session ids are refused before any path is formed, from the command line or a handle")
  func unsafeSessionIDs() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    try Self.plantOutsideSession(tree, "caw_data/x")  // what "../x" would reach from sessions/ if it were joined
    let data = DataDirectory(tree.dataPath)
    let cases: [(id: String, why: String)] = [
      ("..", "may not start with '.'"), ("../x", "may not start with '.'"), ("a/b", "path separator"),
      ("", "it is empty"), ("a\u{0}b", "NUL byte"), (".hidden", "may not start with '.'"),
      (String(repeating: "a", count: 200), "longer than 128 characters"),
    ]
    let handle = #"{"version": 1, "provider": "codex", "session_id": "../../etc", "resume_key": "thread-1"}"#

    try tree.unchanged {
      for (id, why) in cases {
        let error = #expect(throws: CawError.self, "\(id.debugDescription)") { try SessionID.validate(id) }
        #expect(error?.code == .invalidSessionID)
        #expect(error?.message.contains(why) == true, "\(error?.message ?? "no error")")
        // Reading takes any name a directory can have (listed sessions are read by name), so a long plain
        // name is only not found; names that could leave sessions/ are refused.
        #expect(Self.code { try tree.reader.load(id) } == (id.count == 200 ? .sessionNotFound : .invalidSessionID))
        #expect(Self.code { try data.sessionPath(id) } == .invalidSessionID)
        #expect(Self.code { try SessionStore(dataDirectory: tree.dataPath, sessionID: id) } == .invalidSessionID)
      }
      #expect(Self.code { try tree.reader.load("..") } == .invalidSessionID)
      #expect(Self.code { try ResumeTarget.parse(handle) } == .invalidSessionID)
      #expect(Self.code { try ResumeTarget.parse("../../etc") } == .invalidSessionID)
      #expect(Self.code { try ResumePlan.resolve(handle, in: data) } == .invalidSessionID)
    }
  }

  @Test("escape sequences survive reading unchanged and the sanitizer removes every control")
  func hostileText() throws {
    let tree = try BadInputTree()
    defer { tree.remove() }
    let id = "hostile"
    let clear = "\u{1B}[2J\u{1B}[Hhello"
    let osc52 = "\u{1B}]52;c;cm0gLXJmIH4K\u{07}copied"
    let c1 = "\u{9B}31mred\u{9B}0m"
    let bidi = "invoice\u{202E}fdp.exe"
    let title = "\u{1B}]0;pwned\u{07}opus"
    let output: [PyJSON] = [
      ["type": "thinking", "text": .string(c1)], CawFixture.toolUse(id: "toolu_1", output: bidi),
      ["type": "text", "text": .string(osc52)],
    ]
    let trajectory = CawFixture.trajectory(
      id, turns: [CawFixture.turn(0, input: clear, output: output)], count: 1, completedAt: CawFixture.completedAt,
      model: title)
    try tree.write(session: id, "trajectory.json", trajectory.trajectoryFile)
    try tree.write(
      session: id, "traj.jsonl",
      CawFixture.jsonl(
        [CawFixture.metadataEvent(id, model: title)] + CawFixture.turnEvents(0, input: clear, output: output)))

    let (session, summaries) = try tree.unchanged { (try tree.reader.load(id), try tree.reader.listSessions()) }
    #expect(session.problems.isEmpty)
    let t = try #require(session.trajectory)
    let expectedOutput: [ContentBlock] = [
      .thinking(c1),
      .toolUse(ToolUse(id: "toolu_1", name: "Bash", arguments: .object(["command": "ls"]), output: bidi)),
      .text(osc52),
    ]
    #expect(t.model == title)
    #expect(t.turns.first?.input == clear)
    #expect(t.turns.first?.output == expectedOutput)
    // With trajectory.json whole, the session's replay of traj.jsonl keeps no text; the log read alone does.
    let replayed = EventLogReplay(
      Array(try Data(contentsOf: URL(fileURLWithPath: tree.dataPath + "/sessions/\(id)/traj.jsonl"))))
    #expect(replayed.trajectory?.turns.first?.output == expectedOutput)
    #expect(summaries.first?.firstUserMessage == clear)

    for text in [clear, osc52, c1, bidi, title] {
      for shown in [
        TextSanitizer.singleLine(text), TextSanitizer.multiLine(text), TextSanitizer.preview(text, limit: 80),
      ] {
        #expect(!shown.utf8.contains(0x1B), "\(shown.debugDescription)")
        let control = shown.unicodeScalars.first {
          ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        }
        #expect(control == nil, "\(shown.debugDescription)")
        #expect(!shown.unicodeScalars.contains("\u{202E}"), "\(shown.debugDescription)")
      }
    }
    #expect(TextSanitizer.singleLine(clear) == "␛[2J␛[Hhello")
    #expect(TextSanitizer.singleLine(bidi) == "invoice<U+202E>fdp.exe")
  }

  /// The code of the ``CawError`` `body` throws, nil when it throws nothing.
  static func code<T>(_ body: () throws -> T) -> CawError.Code? {
    do {
      _ = try body()
      return nil
    } catch {
      return (error as? CawError)?.code
    }
  }
}
