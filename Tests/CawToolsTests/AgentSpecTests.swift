import CawCore
import Foundation
import OrderedCollections
import Testing

@testable import CawTools

/// Agents files (`run --agents`) and what a spec runs with.
@Suite("Agent specs")
struct AgentSpecTests {
  static func parse(_ text: String) throws(CawError) -> [AgentSpec] {
    try AgentSpec.specs(from: try! JSONParser.parse(Array(text.utf8)), file: "agents.json")
  }

  @Test("caw's field names, our provider and tier, nesting")
  func fields() throws {
    let specs = try Self.parse(
      """
      [{"name": "code reviewer!", "description": "Reviews code", "system_prompt": "Be terse.", "provider": "cc",
        "model": "", "tier": "fast", "reasoning": "high", "tools": ["reader", "exec"],
        "mcp_servers": [{"name": "docs", "url": "http://127.0.0.1:9/mcp"}, {"name": "fs", "command": "srv", "args": ["-x"]}],
        "subagents": [{"name": "style", "provider": "codex", "tools": "reader"}], "metadata": {"team": "a"}}]
      """)
    let spec = try #require(specs.first)
    #expect(spec.toolName == "code_reviewer_")
    #expect(spec.provider == .claudeCode)
    #expect(spec.tier == .fast)
    #expect(spec.reasoning == "high")
    #expect(spec.tools == [.reader, .exec])
    #expect(spec.mcpServers == [MCPServer(name: "docs", url: "http://127.0.0.1:9/mcp"), MCPServer(name: "fs", command: "srv", args: ["-x"])])
    #expect(spec.subagents.first?.provider == .codex)
    #expect(spec.subagents.first?.tools == .reader)
    #expect(spec.metadata["team"] == "a")
  }

  @Test("mistakes name the place", arguments: [
    (#"{"name": "x"}"#, "expected a JSON array"),
    (#"[{"name": ""}]"#, "agents.json[0].name"),
    (#"[{"name": "x", "modle": "y"}]"#, "unknown key 'modle'"),
    (#"[{"name": "x", "tool_servers": []}]"#, "tool servers are Swift code"),
    (#"[{"name": "x", "provider": "gemini"}]"#, "unknown provider 'gemini'"),
    (#"[{"name": "x", "tier": "best"}]"#, "unknown tier 'best'"),
    (#"[{"name": "x", "subagents": [{"name": "y", "tools": 3}]}]"#, "agents.json[0].subagents[0].tools"),
    (#"[{"name": "x", "mcp_servers": [{"name": "d"}]}]"#, "give either url or command"),
  ])
  func errors(_ input: String, _ expected: String) {
    #expect {
      _ = try Self.parse(input)
    } throws: { error in
      (error as? CawError)?.message.contains(expected) == true
    }
  }

  @Test("settings: the spec's provider, else caw's default resolution; model, tier, CAW_MODEL, CAW_EFFORT")
  func settings() throws {
    let context = SubagentContext(
      workingDirectory: "/w", environment: AgentEnvironment(variables: ["PATH": "/nonexistent", "CAW_MODEL": "m-env", "CAW_EFFORT": "low"]))
    let plain = try AgentSpec(name: "a", systemPrompt: "S").settings(in: context)
    #expect(plain.provider == .claudeCode)
    #expect(plain.model == "m-env")
    #expect(plain.reasoning == "low")
    #expect(plain.systemPrompt == "S")
    #expect(plain.workingDirectory == "/w")
    #expect(plain.tools == .noInteraction)
    let pinned = try AgentSpec(name: "a", provider: .codex, model: "gpt-5.3-codex", reasoning: "high", tools: .reader).settings(in: context)
    #expect(pinned.provider == .codex)
    #expect(pinned.model == "gpt-5.3-codex")
    #expect(pinned.reasoning == "high")
    #expect(pinned.tools == .reader)
    let tiered = try AgentSpec(name: "a", provider: .codex, tier: .fast).settings(in: context)
    #expect(tiered.model == "gpt-5.3-codex-spark")

    let ordered = SubagentContext(environment: AgentEnvironment(variables: ["PATH": "/nonexistent", "CAW_PROVIDER": "codex, opencode"]))
    #expect(try AgentSpec(name: "a").settings(in: ordered).provider == .codex, "none installed: the first listed")
    let unknown = SubagentContext(environment: AgentEnvironment(variables: ["CAW_PROVIDER": "gemini"]))
    #expect(throws: CawError.self) { _ = try AgentSpec(name: "a").settings(in: unknown) }
  }
}
