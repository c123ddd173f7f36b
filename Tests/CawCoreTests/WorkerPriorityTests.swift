import CawCore
import Foundation
import TestSupport
import Testing

/// Reading threads behind the UI run niced, and so do the threads that help them; nothing is raised.
@Suite("Worker priority")
struct WorkerPriorityTests {
  /// Runs `body` on a thread of its own and returns what it gave.
  private func onNewThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    result(of: body) { Thread.detachNewThread($0) }
  }

  @Test("a lowered thread runs 10 nicer than the main thread (at most 19), and the threads of its parallel reads too")
  func loweredThreadsAndTheirHelpers() {
    let main = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(getpid()))
    let (own, helpers) = onNewThread { () -> (Int32, [Int32]) in
      WorkerPriority.lowerCurrentThread()
      return (WorkerPriority.current, SessionReader.inParallel(64) { _ in WorkerPriority.current })
    }
    #expect(WorkerPriority.niceness == min(main + 10, 19))
    #expect(own == WorkerPriority.niceness)
    #expect(helpers.count == 64)
    #expect(helpers.allSatisfy { $0 >= WorkerPriority.niceness }, "\(helpers)")
  }

  @Test("lowering never raises a thread already nicer")
  func neverRaised() {
    let after = onNewThread { () -> Int32 in
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
      WorkerPriority.lowerCurrentThread()
      return WorkerPriority.current
    }
    #expect(after == 19)
  }
}
