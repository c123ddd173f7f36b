import CawCore
import Testing

@Suite("Reading trajectories as caw's from_dict does")
struct TrajectoryDecoderTests {
  private func read(_ text: String) throws -> (Trajectory?, [ReadProblem]) {
    let result = try Trajectory.read(Array(text.utf8))
    return (result.trajectory, result.problems)
  }

  @Test("every key is optional and defaults to caw's defaults; an object with none of them is no trajectory")
  func defaults() throws {
    let (t, problems) = try read(#"{"agent": ""}"#)
    #expect(problems.isEmpty)
    #expect(t == Trajectory(agent: ""))
    #expect(t?.usage.costUSD == .double(0))
    // caw's from_dict reads {} as an empty session; it is no recording, so it is not read as one.
    let (none, why) = try read("{}")
    #expect(none == nil)
    #expect(why.map(\.message) == ["an object with none of a trajectory's fields (agent, session_id, turns, …)"])
  }

  @Test("ints where floats are expected, unknown keys ignored, total_usage not read")
  func leniency() throws {
    let (t, problems) = try read(#"""
      {"agent": "claude_code", "future_key": [1], "usage": {"cost_usd": 0, "input_tokens": 5},
       "total_usage": {"cost_usd": 99.0}, "turns": [{"input": "hi", "usage": {"cost_usd": 1}}]}
      """#)
    #expect(problems.isEmpty)
    #expect(t?.usage.costUSD == .int(0))
    #expect(t?.usage.inputTokens == 5)
    #expect(t?.totalUsage.costUSD == .int(0))
    #expect(t?.turns.first?.usage.costUSD == .int(1))
  }

  @Test("a block of unknown or missing type is read as a tool call with empty id and name")
  func unknownBlockType() throws {
    let (t, _) = try read(#"{"turns": [{"output": [{"type": "image", "output": "x"}, {"text": "no type"}, {"type": "thinking", "text": "hm"}]}]}"#)
    let output = try #require(t?.turns.first?.output)
    #expect(output[0] == .toolUse(ToolUse(id: "", name: "", output: "x")))
    #expect(output[1] == .toolUse(ToolUse(id: "", name: "")))
    #expect(output[2] == .thinking("hm"))
  }

  @Test("subagent_trajectory is read only when truthy, at any depth, and counted once in total usage")
  func subagents() throws {
    let (t, _) = try read(#"""
      {"usage": {"cost_usd": 1.0}, "turns": [{"output": [
        {"type": "tool_use", "id": "a", "name": "mcp__subagent__x", "subagent_trajectory": {}},
        {"type": "tool_use", "id": "b", "name": "mcp__subagent__y", "is_error": true, "subagent_trajectory":
          {"agent": "claude_code", "usage": {"cost_usd": 0.5}, "turns": [{"output": [
            {"type": "tool_use", "id": "c", "name": "z", "subagent_trajectory": {"usage": {"cost_usd": 0.25}}}]}]}}
      ]}]}
      """#)
    let trajectory = try #require(t)
    #expect(trajectory.turns[0].toolCalls[0].subagentTrajectory == nil)
    #expect(trajectory.turns[0].toolCalls[1].isError)
    #expect(trajectory.subagentTrajectories.count == 1)
    #expect(trajectory.totalUsage.cost == 1.75)
    #expect(trajectory.recursiveToolCallCount == 3)
    #expect(trajectory.recursiveToolErrorCount == 1)
  }

  @Test("wrong types become defaults and are reported with their JSON path")
  func wrongTypes() throws {
    let (t, problems) = try read(#"""
      {"agent": 7, "turns": [{"input": null, "usage": {"cost_usd": "free", "input_tokens": 2.5}}, "junk"],
       "metadata": [1], "usage_limited": "yes"}
      """#)
    #expect(t?.agent == "")
    #expect(t?.turns.count == 1)
    #expect(t?.usageLimited == true)
    #expect(t?.turns.first?.usage.inputTokens == 3)
    #expect(problems.map(\.description) == [
      #"trajectory.json: agent: expected a string, found a number; read as """#,
      "trajectory.json: usage_limited: expected a boolean, found a string; read as true",
      #"trajectory.json: turns[0].input: expected a string, found null; read as """#,
      "trajectory.json: turns[0].usage.input_tokens: expected a whole number, found 2.5; rounded",
      "trajectory.json: turns[0].usage.cost_usd: expected a number, found a string; read as 0.0",
      "trajectory.json: turns[1]: expected an object, found a string; left out",
      "trajectory.json: metadata: expected an object, found an array; read as {}",
    ])
  }

  @Test("a top level that is not an object is no trajectory")
  func topLevelArray() throws {
    let (t, problems) = try read("[1, 2]")
    #expect(t == nil)
    #expect(problems.first?.message == "the top level is an array, not an object")
  }

  @Test("writing keeps caw's key order, is_error only when true, and recomputes total_usage")
  func canonicalWrite() {
    var t = Trajectory(agent: "codex", sessionID: "s")
    t.turns = [Turn(input: "x", output: [.toolUse(ToolUse(id: "1", name: "n"))])]
    let text = PythonJSONWriter.string(t.jsonValue, style: .singleLine)
    #expect(text == #"{"agent": "codex", "model": "", "session_id": "s", "created_at": "", "completed_at": "", "usage_limited": false, "system_prompt": "", "reasoning": "", "mcp_servers": [], "turns": [{"input": "x", "output": [{"type": "tool_use", "id": "1", "name": "n", "arguments": {}, "output": ""}], "usage": {"input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.0}, "duration_ms": 0}], "usage": {"input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.0}, "total_usage": {"input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.0}, "duration_ms": 0, "metadata": {}}"#)
  }
}
