extension Trajectory {
  /// The trajectory with every content string (text, thinking and tool output, subagents' included)
  /// passed through `transform`, in document order; tool calls go through `toolOutput` instead when given
  /// (which may set more of the call than its output).
  package func mappingContent(
    _ transform: (String) throws(CawError) -> String, toolOutput: ((inout ToolUse) throws(CawError) -> Void)? = nil
  ) throws(CawError) -> Trajectory {
    var copy = self
    for t in copy.turns.indices {
      for b in copy.turns[t].output.indices {
        switch copy.turns[t].output[b] {
        case .text(let text): copy.turns[t].output[b] = .text(try transform(text))
        case .thinking(let text): copy.turns[t].output[b] = .thinking(try transform(text))
        case .toolUse(var call):
          if let toolOutput { try toolOutput(&call) } else { call.output = try transform(call.output) }
          call.subagentTrajectory = try call.subagentTrajectory?.mappingContent(transform, toolOutput: toolOutput)
          copy.turns[t].output[b] = .toolUse(call)
        }
      }
    }
    return copy
  }
}
