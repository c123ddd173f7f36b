import CawUI
import Foundation

/// Once a second: the clock (elapsed times), and a look at the run registry, whose answer
/// (`.runsChanged`, when the runs recording sessions changed) the service posts.
public struct BackgroundClock {
  /// Where the runs are looked up.
  public let service: SessionService
  private var last = Date.distantPast

  /// A clock over `service`'s runs.
  public init(service: SessionService) { self.service = service }

  /// The actions due now.
  public mutating func due() -> [Action] {
    let now = Date()
    guard now.timeIntervalSince(last) >= 1 else { return [] }
    last = now
    service.lookAtRuns()
    return [.clockTicked(now.timeIntervalSince1970)]
  }
}
