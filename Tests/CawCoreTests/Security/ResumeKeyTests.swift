import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

@testable import CawCore

/// Issue 12, item 2: a resume key never becomes a CLI option.
@Suite("Resume keys are checked and never read as options")
struct ResumeKeyTests {
  static let hostile = ["--config=model_provider=evil", "-c", "--model=evil", "", "a b", "../x", "0b6c1d2e-3f40-4a5b-8c6d"]

  private func handle(_ provider: String, _ key: String) -> String {
    ResumeHandle(provider: provider, sessionID: "h4", resumeKey: key).encoded
  }

  @Test("a handle whose key is not its provider's id format is refused, naming the provider", arguments: [
    "claude_code", "codex", "opencode",
  ])
  func hostileHandleKeys(_ provider: String) throws {
    for key in Self.hostile where !key.isEmpty {
      #expect(throws: CawError.self, "\(provider) key \(key) was accepted") {
        try ResumePlan.resolve(handle(provider, key), in: nil)
      }
      do {
        _ = try ResumePlan.resolve(handle(provider, key), in: nil)
      } catch {
        #expect(error.code == .resume)
        #expect(error.message.contains("resume key"), "\(error.message)")
      }
    }
  }

  @Test("well-formed keys of each provider are accepted")
  func wellFormedKeys() throws {
    #expect(try ResumePlan.resolve(handle("claude_code", "0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d"), in: nil).provider == .claudeCode)
    #expect(try ResumePlan.resolve(handle("codex", "01a233e6-c17e-77f1-91cb-af40543964c7"), in: nil).provider == .codex)
    #expect(try ResumePlan.resolve(handle("opencode", "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a"), in: nil).provider == .opencode)
  }

  @Test("a stored key that is not the provider's format is refused too")
  func hostileStoredKey() throws {
    let tree = TempTree()
    var t = Trajectory(agent: "codex", sessionID: "s1")
    t.metadata["thread_id"] = "--config=model_provider=evil"
    tree.write("data/sessions/s1/trajectory.json", bytes: t.trajectoryFileBytes())
    #expect(throws: CawError.self) { try ResumePlan.resolve("s1", in: DataDirectory(tree.path + "/data")) }
  }

  @Test("keys and prompts that look like options stay operands: --resume=KEY, and -- before codex's and opencode's operands")
  func operandsAfterDoubleDash() throws {
    let claude = ClaudeCommand.invocation(
      AgentSettings(provider: .claudeCode),
      TurnRequest(message: "m", sessionID: "-s", resumeKey: "-k", continuesConversation: true), executable: "claude")
    #expect(claude.arguments.contains("--resume=-k"))
    #expect(!claude.arguments.contains("-k"))
    let first = ClaudeCommand.invocation(
      AgentSettings(provider: .claudeCode), TurnRequest(message: "m", sessionID: "-s"), executable: "claude")
    #expect(first.arguments.contains("--session-id=-s"))

    let codex = CodexCommand.invocation(
      AgentSettings(provider: .codex),
      TurnRequest(message: "--help", sessionID: "s", resumeKey: "-k", continuesConversation: true), executable: "codex")
    #expect(Array(codex.arguments.suffix(3)) == ["--", "-k", "--help"])
    #expect(Array(codex.arguments.prefix(2)) == ["exec", "resume"])
    let codexFirst = CodexCommand.invocation(
      AgentSettings(provider: .codex), TurnRequest(message: "-x", sessionID: "s"), executable: "codex")
    #expect(Array(codexFirst.arguments.suffix(2)) == ["--", "-x"])

    let opencode = OpencodeCommand.invocation(
      AgentSettings(provider: .opencode),
      TurnRequest(message: "-x", sessionID: "s", resumeKey: "-k", continuesConversation: true), executable: "opencode")
    #expect(opencode.arguments.contains("--session=-k"))
    #expect(Array(opencode.arguments.suffix(2)) == ["--", "-x"])
  }

  @Test("the CLI refuses a hostile handle before running anything or writing anything")
  func cliRefusesHostileHandle() throws {
    let tree = TempTree()
    let scenario = try FakeScenario(tree, [FakeScenario.entry("codex", "hi", [])])
    let text = #"{"version":1,"provider":"codex","session_id":"h4","resume_key":"--config=model_provider=evil"}"#
    let run = try scenario.run(["resume", "--data-dir", scenario.data, text, "hi"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("resume key"), "stderr: \(run.stderr)")
    #expect(try scenario.fakes.invocations().isEmpty, "the fake codex was run")
    #expect(!FileManager.default.fileExists(atPath: scenario.data + "/sessions/h4"))
  }
}
