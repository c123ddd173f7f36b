import Foundation
import Testing

@testable import CawCore

/// The parts of `auth` that need no Python: paths as caw spells them, the cleaned codex config.
@Suite("auth directory")
struct AuthDirectoryTests {
  @Test("paths are spelled as pathlib spells them", arguments: [
    ("/a//b/./c/", "/a/b/c"), ("a/b", "a/b"), ("", "."), ("/", "/"), ("//x", "//x"), ("./x", "x"),
  ])
  func paths(_ input: String, _ expected: String) {
    #expect(PythonPath.normalized(input) == expected)
  }

  @Test("the directory: $CAW_AUTH_DIR with ~ expanded, else ~/.caw/auth")
  func location() {
    #expect(AuthDirectory(environment: ["HOME": "/h"]).path == "/h/.caw/auth")
    #expect(AuthDirectory(environment: ["HOME": "/h", "CAW_AUTH_DIR": "~/x/"]).path == "/h/x")
    #expect(AuthDirectory(environment: ["HOME": "/h", "CAW_AUTH_DIR": "/srv/auth"]).path == "/srv/auth")
  }

  @Test("the container's codex config drops the host's project trust and trusts the container home")
  func codexConfig() {
    let host = "a = 1\r\n[project_trust.\"/p\"]\ntrust_mode = \"full\"\n[tui]\nx = 2\n"
    #expect(AuthAgent.containerCodexConfig(host) == "a = 1\n[tui]\nx = 2\n\n[project_trust.\"/home/playground\"]\ntrust_mode = \"full\"\n")
    #expect(AuthAgent.containerCodexConfig("") == "\n[project_trust.\"/home/playground\"]\ntrust_mode = \"full\"\n")
  }

  @Test("unknown agents are named with caw's message; claude_code is claude")
  func agents() throws {
    #expect(try AuthDirectory.agents(named: []) == [.claude, .codex, .opencode])
    #expect(try AuthDirectory.agents(named: ["claude_code", "codex", "claude"]) == [.claude, .codex])
    #expect(throws: CawError(.invalidArgument, "Unknown agent 'gemini'. Available: claude, codex, opencode")) {
      _ = try AuthDirectory.agents(named: ["gemini"])
    }
  }

  @Test("auth signals: files, API-key variables, claude's expiry")
  func signals() {
    let now = Date(timeIntervalSince1970: 2_000_000_000)
    let none = AuthSignal.check(.codex, environment: ["HOME": "/nonexistent"], now: now)
    #expect(!none.present && none.detail == "no credentials (/nonexistent/.codex/auth.json missing)")
    let key = AuthSignal.check(.claudeCode, environment: ["HOME": "/nonexistent", "ANTHROPIC_API_KEY": "sk-SECRET"], now: now)
    #expect(key.present && key.detail == "$ANTHROPIC_API_KEY set" && key.tokenExpired == nil)
  }
}
