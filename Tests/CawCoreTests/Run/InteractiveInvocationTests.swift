import Foundation
import OrderedCollections
import Testing

@testable import CawCore
import TestSupport

/// The command lines that open a session in the CLI's own interactive UI.
@Suite("Interactive command lines")
struct InteractiveInvocationTests {
  static func environment(_ tree: TempTree) -> [String: String] {
    for name in ["claude", "codex", "opencode"] {
      tree.write("bin/\(name)", "#!/bin/sh\n")
      chmod(tree.path + "/bin/" + name, 0o755)
    }
    return ["PATH": tree.path + "/bin", "HOME": tree.path]
  }

  @Test("a recorded session resumes with each CLI's own resume form, in its recorded directory")
  func resume() throws {
    let tree = TempTree()
    let environment = Self.environment(tree)
    var claude = Trajectory(agent: "claude_code", model: "opus", sessionID: "s1")
    claude.metadata = ["cwd": .string(tree.path)]
    let c = try InteractiveInvocation.resume(claude, environment: environment)
    #expect(c.executable == tree.path + "/bin/claude")
    #expect(c.arguments == ["--resume", "s1", "--model", "opus"])
    #expect(c.workingDirectory == tree.path)
    let codex = Trajectory(agent: "codex", sessionID: "s2", metadata: ["thread_id": "th", "cwd": "/nonexistent"])
    let x = try InteractiveInvocation.resume(codex, environment: environment)
    #expect(x.arguments == ["resume", "th"])
    #expect(x.workingDirectory == nil, "a recorded directory that is gone is not used")
    let opencode = Trajectory(agent: "opencode", model: "openai/gpt-5.5", sessionID: "s3", metadata: ["opencode_session_id": "ses_1"])
    #expect(try InteractiveInvocation.resume(opencode, environment: environment).arguments == ["--session", "ses_1", "--model", "openai/gpt-5.5"])
    #expect(throws: CawError.self) {
      _ = try InteractiveInvocation.resume(Trajectory(agent: "codex", sessionID: "s4"), environment: environment)
    }
    #expect(throws: CawError.self) { _ = try InteractiveInvocation.resume(claude, environment: ["PATH": "/nonexistent"]) }
  }

  @Test("a new interactive session: model, system prompt, reasoning and prompt, no permission bypass")
  func start() throws {
    let tree = TempTree()
    let environment = Self.environment(tree)
    let settings = AgentSettings(provider: .claudeCode, model: "opus", reasoning: "high", systemPrompt: "S", workingDirectory: "/w")
    let c = try InteractiveInvocation.start(settings, prompt: "hi", environment: environment)
    #expect(c.arguments == ["--model", "opus", "--system-prompt", "S", "--effort", "high", "hi"])
    #expect(c.workingDirectory == "/w")
    var codex = settings
    codex.provider = .codex
    #expect(try InteractiveInvocation.start(codex, prompt: "hi", environment: environment).arguments
      == ["-m", "opus", "-c", "model_reasoning_effort=\"high\"", "S\n\nhi"])
    #expect(try InteractiveInvocation.start(AgentSettings(provider: .codex), prompt: "", environment: environment).arguments == [])
    #expect(!c.arguments.contains { $0.contains("dangerously") })
  }
}
