extension Trajectory {
  /// The trajectory with every content string (text, thinking and tool output, subagents' included)
  /// passed through `transform`, in document order; tool calls go through `toolOutput` instead when given
  /// (which may set more of the call than its output).
  package func mappingContent(
    _ transform: (String) throws(CawError) -> String, toolOutput: ((inout ToolUse) throws(CawError) -> Void)? = nil
  ) throws(CawError) -> Trajectory {
    var copy = self
    try copy.mapContent(transform, toolOutput: toolOutput)
    return copy
  }

  /// Passes every content string through `transform` in place, as ``mappingContent(_:toolOutput:)``
  /// does, so a trajectory read once is not held twice while its text is read.
  package mutating func mapContent(
    _ transform: (String) throws(CawError) -> String, toolOutput: ((inout ToolUse) throws(CawError) -> Void)? = nil
  ) throws(CawError) {
    for t in turns.indices {
      for b in turns[t].output.indices {
        switch turns[t].output[b] {
        case .text(let text): turns[t].output[b] = .text(try transform(text))
        case .thinking(let text): turns[t].output[b] = .thinking(try transform(text))
        case .toolUse(var call):
          if let toolOutput { try toolOutput(&call) } else { call.output = try transform(call.output) }
          try call.subagentTrajectory?.mapContent(transform, toolOutput: toolOutput)
          turns[t].output[b] = .toolUse(call)
        }
      }
    }
  }

  /// Changes every tool call in place with `body`, subagents' included.
  package mutating func changeToolCalls(_ body: (inout ToolUse) -> Void) {
    for t in turns.indices {
      for b in turns[t].output.indices {
        guard case .toolUse(var call) = turns[t].output[b] else { continue }
        body(&call)
        call.subagentTrajectory?.changeToolCalls(body)
        turns[t].output[b] = .toolUse(call)
      }
    }
  }
}
