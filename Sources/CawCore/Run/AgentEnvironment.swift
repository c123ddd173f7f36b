import Foundation
import Logging

/// What an agent session needs from the outside world, passed in so tests can replace any of it.
public struct AgentEnvironment: Sendable {
  /// Starts the CLI processes.
  public var launcher: any ProcessLauncher
  /// The environment variables used to find the CLIs (`PATH`, `HOME`) and resolve model tiers.
  public var variables: [String: String]
  /// Prices for CLIs that report no cost.
  public var pricing: PricingTable
  /// The clock, for timestamps and durations.
  public var now: @Sendable () -> Date
  /// Where the session's one-line events go (``SessionLog``).
  public var logger: Logger

  /// Creates an environment; the defaults are the real process, environment, prices and clock.
  public init(
    launcher: any ProcessLauncher = SubprocessLauncher(),
    variables: [String: String] = ProcessInfo.processInfo.environment,
    pricing: PricingTable = .builtIn, now: @escaping @Sendable () -> Date = { Date() },
    logger: Logger = Logger(label: "caw.session")
  ) {
    self.launcher = launcher
    self.variables = variables
    self.pricing = pricing
    self.now = now
    self.logger = logger
  }
}
