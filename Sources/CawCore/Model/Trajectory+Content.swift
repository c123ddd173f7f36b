extension Trajectory {
  /// The trajectory with every content string (text, thinking and tool output, subagents' included)
  /// passed through `transform`, in document order.
  package func mappingContent(_ transform: (String) throws(CawError) -> String) throws(CawError) -> Trajectory {
    var copy = self
    for t in copy.turns.indices {
      for b in copy.turns[t].output.indices {
        switch copy.turns[t].output[b] {
        case .text(let text): copy.turns[t].output[b] = .text(try transform(text))
        case .thinking(let text): copy.turns[t].output[b] = .thinking(try transform(text))
        case .toolUse(var call):
          call.output = try transform(call.output)
          call.subagentTrajectory = try call.subagentTrajectory?.mappingContent(transform)
          copy.turns[t].output[b] = .toolUse(call)
        }
      }
    }
    return copy
  }
}
