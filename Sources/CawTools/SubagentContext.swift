import OrderedCollections
import CawCore

/// What a subagent's session inherits from the agent that calls it: the working directory and the
/// environment (CLIs, variables, prices, clock, logger).
public struct SubagentContext: Sendable {
  /// The directory subagents run in; nil for the current directory.
  public var workingDirectory: String?
  /// The environment their sessions run in.
  public var environment: AgentEnvironment

  /// Creates a context.
  public init(workingDirectory: String? = nil, environment: AgentEnvironment = AgentEnvironment()) {
    self.workingDirectory = workingDirectory
    self.environment = environment
  }
}
