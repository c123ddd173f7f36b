import OrderedCollections

/// A trajectory in Harbor's Agent Trajectory Interchange Format (ATIF v1.8).
///
/// Mapping: the system prompt is a `system` step; each turn is a `user` step followed by `agent` steps in
/// block order — a text block is one agent step, consecutive tool calls are one agent step with their
/// observations, thinking becomes the next agent step's `reasoning_content` — and the turn's usage sits
/// on its last agent step (`prompt_tokens` counts cached tokens, as ATIF defines it). Subagent
/// trajectories are embedded in `subagent_trajectories` and referenced from their tool results.
/// What ATIF has no field for (cache writes, errors, durations, caw's metadata) goes under `extra`.
public enum AtifDocument {
  /// The ATIF schema tag written.
  public static let schemaVersion = "ATIF-v1.8"

  /// The ATIF JSON of `trajectory`.
  public static func make(_ trajectory: Trajectory) -> JSONValue {
    document(trajectory, trajectoryID: nil)
  }

  private static func document(_ t: Trajectory, trajectoryID: String?) -> JSONValue {
    var steps: [JSONObject] = []
    var subagents: [JSONValue] = []
    var subagentIDs: Set<String> = []
    if !t.systemPrompt.isEmpty { steps.append(["source": "system", "message": .string(t.systemPrompt)]) }
    for (index, turn) in t.turns.enumerated() {
      let turnNumber: JSONObject = ["caw_turn": .number(.int(index))]
      steps.append(["source": "user", "message": .string(turn.input), "extra": .object(turnNumber)])
      var agentSteps = agentSteps(turn, model: t.model) { subagent in
        var id = subagent.sessionID.isEmpty ? "subagent" : subagent.sessionID
        while subagentIDs.contains(id) { id += "+" }
        subagentIDs.insert(id)
        subagents.append(document(subagent, trajectoryID: id))
        return id
      }
      if agentSteps.isEmpty { agentSteps.append(["source": "agent", "message": ""]) }
      agentSteps[agentSteps.count - 1]["metrics"] = metrics(turn)
      steps += agentSteps
    }
    var root: JSONObject = ["schema_version": .string(schemaVersion), "session_id": .string(t.sessionID)]
    if let trajectoryID { root["trajectory_id"] = .string(trajectoryID) }
    var agent: JSONObject = ["name": .string(t.agent.isEmpty ? "unknown" : t.agent), "version": "unknown"]
    if !t.model.isEmpty { agent["model_name"] = .string(t.model) }
    root["agent"] = .object(agent)
    root["steps"] = .array(steps.enumerated().map { index, step in
      var numbered: JSONObject = ["step_id": .number(.int(index + 1))]
      numbered.merge(step) { _, new in new }
      return .object(numbered)
    })
    root["final_metrics"] = finalMetrics(t, stepCount: steps.count)
    let caw: JSONObject = [
      "created_at": .string(t.createdAt), "completed_at": .string(t.completedAt),
      "usage_limited": .bool(t.usageLimited), "reasoning": .string(t.reasoning),
      "mcp_servers": .array(t.mcpServers.map(\.jsonValue)), "metadata": .object(t.metadata),
    ]
    root["extra"] = .object(["caw": .object(caw)])
    if !subagents.isEmpty { root["subagent_trajectories"] = .array(subagents) }
    return .object(root)
  }

  /// The agent steps of one turn, in block order; `embed` stores a subagent and returns its id.
  private static func agentSteps(_ turn: Turn, model: String, embed: (Trajectory) -> String) -> [JSONObject] {
    var steps: [JSONObject] = []
    var reasoning: [String] = []
    var calls: [ToolUse] = []
    func step(message: String) -> JSONObject {
      var step: JSONObject = ["source": "agent", "message": .string(message)]
      if !model.isEmpty { step["model_name"] = .string(model) }
      if !reasoning.isEmpty { step["reasoning_content"] = .string(reasoning.joined(separator: "\n\n")) }
      reasoning = []
      return step
    }
    func flushCalls() {
      guard !calls.isEmpty else { return }
      var s = step(message: "")
      s["tool_calls"] = .array(calls.map { call in
        let arguments = call.arguments.objectValue != nil ? call.arguments : .object(["input": call.arguments])
        return ["tool_call_id": .string(call.id), "function_name": .string(call.name), "arguments": arguments]
      })
      s["observation"] = ["results": .array(calls.map { call in observation(call, embed: embed) })]
      steps.append(s)
      calls = []
    }
    for block in turn.output {
      switch block {
      case .thinking(let text):
        flushCalls()
        reasoning.append(text)
      case .text(let text):
        flushCalls()
        steps.append(step(message: text))
      case .toolUse(let call):
        calls.append(call)
      }
    }
    flushCalls()
    if !reasoning.isEmpty { steps.append(step(message: "")) }
    return steps
  }

  private static func observation(_ call: ToolUse, embed: (Trajectory) -> String) -> JSONValue {
    var result: JSONObject = ["source_call_id": .string(call.id), "content": .string(call.output)]
    if let subagent = call.subagentTrajectory {
      result["subagent_trajectory_ref"] = [["trajectory_id": .string(embed(subagent)), "session_id": .string(subagent.sessionID)]]
    }
    if call.isError { result["extra"] = ["is_error": true] }
    return .object(result)
  }

  private static func finalMetrics(_ t: Trajectory, stepCount: Int) -> JSONValue {
    let usage = t.usage
    let extra: JSONObject = [
      "total_cache_write_tokens": .number(.int(usage.cacheWriteTokens)),
      "total_cost_usd_with_subagents": .number(.double(t.totalUsage.cost)),
      "duration_ms": .number(.int(t.durationMS)),
    ]
    let metrics: JSONObject = [
      "total_prompt_tokens": .number(.int(usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens)),
      "total_completion_tokens": .number(.int(usage.outputTokens)),
      "total_cached_tokens": .number(.int(usage.cacheReadTokens)),
      "total_cost_usd": .number(.double(usage.cost)),
      "total_steps": .number(.int(stepCount)),
      "extra": .object(extra),
    ]
    return .object(metrics)
  }

  private static func metrics(_ turn: Turn) -> JSONValue {
    let usage = turn.usage
    let extra: JSONObject = [
      "cache_write_tokens": .number(.int(usage.cacheWriteTokens)), "duration_ms": .number(.int(turn.durationMS)),
    ]
    let metrics: JSONObject = [
      "prompt_tokens": .number(.int(usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens)),
      "completion_tokens": .number(.int(usage.outputTokens)),
      "cached_tokens": .number(.int(usage.cacheReadTokens)),
      "cost_usd": .number(.double(usage.cost)),
      "extra": .object(extra),
    ]
    return .object(metrics)
  }
}
