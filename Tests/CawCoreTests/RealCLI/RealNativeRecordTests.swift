import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// The native records the real Claude Code 2.1.327 and codex 0.163.0 write (against the scripted model
/// server), read back through caw-tui: listed by origin, shown, linked from the caw session that ran them,
/// imported, and what the rollout adds to a session Python caw recorded.
@Suite("real CLIs: their own session records", .serialized)
struct RealNativeRecordTests {
  static let script = ModelScript([
    .init(
      ["write", "marker"],
      [
        .init(
          .thinking("I will write the marker file."),
          .tool("Bash", input: ["command": "printf hello > marker.txt && echo wrote-marker", "description": "write"]),
          usage: .init(input: 50, output: 30, cacheRead: 400, cacheWrite: 60)),
        .init(.text("The marker file is written."), usage: .init(input: 80, output: 10)),
      ]),
    .init(
      ["count", "files"],
      [
        .init(.tool("exec_command", input: ["cmd": "printf 'a\\nb\\nc\\n' && echo counted"])),
        .init(.text("Three lines.")),
      ]),
    .init(["what", "did"], [.init(.text("I wrote marker.txt with hello."), usage: .init(input: 100, output: 20))]),
  ])

  /// Files under `root` whose name ends with `suffix`.
  private func files(under root: String, suffix: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    return walker.compactMap { ($0 as? String).flatMap { $0.hasSuffix(suffix) ? root + "/" + $0 : nil } }.sorted()
  }

  private func rows(_ world: RealCLIFixture, _ arguments: [String]) throws -> [JSONValue] {
    let result = try world.cawTUI(["list", "--json"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return try #require(try JSONParser.parse(Array(result.stdout.utf8)).arrayValue)
  }

  @Test("claude: the transcript it writes is listed, read turn by turn, and linked from the caw session")
  func claudeTranscript() throws {
    let world = try RealCLIFixture(Self.script)
    let run = try world.cawTUI(["run", "--data-dir", world.data, "--provider", "claude", "Please write the marker file.", "What did you do?"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let id = try world.onlySession()
    let transcripts = files(under: world.home.home + "/.claude/projects", suffix: ".jsonl")
    let transcript = try #require(transcripts.first { $0.hasSuffix("/\(id).jsonl") }, "\(transcripts)")
    Self.keep(transcript, as: "claude-2.1.327.jsonl")

    let native = try rows(world, ["--source", "claude"])
    let row = try #require(native.first { $0["id"] == .string(id) })
    #expect(row["origin"] == "claude" && row["turns"]?.numberValue?.intValue == 2 && row["tool_calls"]?.numberValue?.intValue == 1)
    #expect(row["problems"]?.arrayValue == [], "\(row["problems"] ?? .null)")

    let loaded = try world.cawTUI(["export", "--source", "claude", id])
    var decoder = TrajectoryDecoder()
    let t = try #require(decoder.decode(try JSONParser.parse(Array(loaded.stdout.utf8))))
    let recorded = try world.trajectory(id)
    #expect(t.turns.map(\.input) == recorded.turns.map(\.input))
    #expect(t.turns[0].output == recorded.turns[0].output)
    #expect(t.turns.map(\.usage.inputTokens) == recorded.turns.map(\.usage.inputTokens))
    #expect(t.turns.map(\.usage.cacheWriteTokens) == recorded.turns.map(\.usage.cacheWriteTokens))

    // With both origins listed, the caw session names its transcript and the transcript is not listed twice.
    let both = try rows(world, ["--data-dir", world.data, "--source", "caw", "--source", "claude"])
    #expect(both.filter { $0["id"] == .string(id) }.count == 1)
    #expect(both.first { $0["id"] == .string(id) }?["native_path"] == .string(transcript))
    let show = try JSONParser.parse(Array(try world.cawTUI(["show", "--json", "--data-dir", world.data, id]).stdout.utf8))
    #expect(show["native_record"]?["path"] == .string(transcript))
  }

  @Test("codex: the rollout is listed and read; it holds the command output Python caw recorded empty")
  func codexRollout() throws {
    let world = try RealCLIFixture(Self.script)
    let caw = try world.pythonCaw("start", "codex", "Count the files please.")
    let id = try #require(caw["session_id"]?.stringValue)
    let recorded = try world.trajectory(id)
    let thread = try #require(recorded.metadata["thread_id"]?.stringValue)
    let rollouts = files(under: world.home.codexHome + "/sessions", suffix: ".jsonl")
    let rollout = try #require(rollouts.first { $0.contains(thread) }, "\(rollouts)")
    Self.keep(rollout, as: "codex-0.163.0.jsonl")

    let native = try rows(world, ["--source", "codex"])
    let row = try #require(native.first { $0["resume_key"] == .string(thread) })
    #expect(row["origin"] == "codex" && row["turns"]?.numberValue?.intValue == 1, "\(row)")
    #expect(row["problems"]?.arrayValue == [], "\(row["problems"] ?? .null)")
    let exported = try world.cawTUI(["export", "--source", "codex", thread])
    var decoder = TrajectoryDecoder()
    let t = try #require(decoder.decode(try JSONParser.parse(Array(exported.stdout.utf8))))
    #expect(t.turns.first?.input == "Count the files please.")
    #expect(t.turns.first?.toolCalls.first?.output.contains("counted") == true, "\(t.turns.first?.output ?? [])")
    #expect(t.turns.first?.result == "Three lines.")

    // caw 0.1.9 records codex command output as empty; the rollout supplies it.
    #expect(recorded.turns.first?.toolCalls.first?.output == "")
    let catalog = SessionCatalog(
      dataDirectory: DataDirectory(world.data), stores: NativeStores(environment: world.home.environment),
      origins: [.caw, .codex], pricing: .builtIn)
    let loaded = try catalog.load(id)
    #expect(loaded.nativeRecord?.path == rollout)
    let additions = try #require(catalog.additions(for: loaded))
    #expect(additions.outputs.first?.output.contains("counted") == true, "\(additions)")
  }

  @Test("resume of a session only the CLI recorded: imported into caw_data, continued through the CLI's own resume", arguments: ["claude", "codex"])
  func resumeNativeOnly(cli: String) throws {
    let world = try RealCLIFixture(Self.script)
    let prompt = cli == "claude" ? "Please write the marker file." : "Count the files please."
    let arguments =
      cli == "claude"
      ? ["-p", prompt, "--dangerously-skip-permissions"]
      : ["exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", prompt]
    let direct = try ProcessRun.run(world.home.bin + "/" + cli, arguments, environment: world.home.environment, cwd: world.home.workspace)
    #expect(direct.status == 0, "\(direct.stderr)")
    let native = try rows(world, ["--source", cli])
    try #require(native.count == 1, "\(native)")
    let id = try #require(native[0]["id"]?.stringValue)
    let resumed = try world.cawTUI(["resume", "--data-dir", world.data, String(id.prefix(13)), "What did you do?"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("session imported into"))
    let session = try world.onlySession()
    let t = try world.trajectory(session)
    #expect(t.turns.map(\.input) == [prompt, "What did you do?"])
    #expect(t.turns.last?.result == "I wrote marker.txt with hello.")
    #expect(t.metadata["native"]?["origin"] == .string(cli))
    // The CLI was asked to resume its own session: the model saw the first turn again.
    let call = try #require(try world.server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(call.conversationTexts.contains(prompt))
  }

  /// With `CAW_KEEP_NATIVE_RECORDS=DIR`, copies a record the real CLI wrote there (to look at new versions' shapes).
  static func keep(_ path: String, as name: String) {
    guard let directory = ProcessInfo.processInfo.environment["CAW_KEEP_NATIVE_RECORDS"], !directory.isEmpty else { return }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: directory + "/" + name)
    try? FileManager.default.copyItem(atPath: path, toPath: directory + "/" + name)
  }
}
