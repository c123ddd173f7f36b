import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CawCore

/// The index's writer runs at `SCHED_IDLE` on threads of its own, its packers at the writer's
/// priority; jobs come in order, no more threads than asked for run, and idle threads end.
@Suite("Worker threads")
struct WorkerThreadsTests {
  /// Runs `body` on one of `threads` and returns what it gave.
  private func run<T: Sendable>(on threads: WorkerThreads, _ body: @escaping @Sendable () -> T) -> T {
    result(of: body) { threads.async($0) }
  }

  @Test("idle threads run at SCHED_IDLE and niced, so the helpers of their parallel reads run niced")
  func idleThreads() {
    let threads = WorkerThreads(count: 1, name: "test-idle", idle: true)
    let (policy, own, helpers) = run(on: threads) { () -> (Int32, Int32, [Int32]) in
      (sched_getscheduler(0), WorkerPriority.current, SessionReader.inParallel(16) { _ in WorkerPriority.current })
    }
    #expect(policy == 5, "SCHED_IDLE is 5; the thread's policy was \(policy)")
    #expect(own == WorkerPriority.niceness)
    #expect(helpers.allSatisfy { $0 >= WorkerPriority.niceness }, "\(helpers)")
    // The caller's own thread is untouched.
    #expect(sched_getscheduler(0) == 0)
  }

  @Test("other threads run at the priority of the thread that started them")
  func inheritedPriority() {
    let starter = WorkerThreads(count: 1, name: "test-starter", idle: true)
    let packers = WorkerThreads(count: 2, name: "test-packers", idle: false)
    let fromIdle = run(on: starter) { run(on: packers) { sched_getscheduler(0) } }
    #expect(fromIdle == 5, "started from an idle thread, a packer's policy was \(fromIdle)")
    let others = WorkerThreads(count: 2, name: "test-others", idle: false)
    #expect(run(on: others) { sched_getscheduler(0) } == 0)
    #expect(run(on: others) { WorkerPriority.current } == WorkerPriority.current)
  }

  @Test("one thread runs its jobs in the order given")
  func order() throws {
    let threads = WorkerThreads(count: 1, name: "test-order", idle: false)
    let seen = Mutex<[Int]>([])
    for index in 0..<500 { threads.async { seen.withLock { $0.append(index) } } }
    try waitUntil("500 jobs run", observe: { "\(seen.withLock { $0.count }) run" }) {
      seen.withLock { $0.count } == 500
    }
    #expect(seen.withLock { $0 } == Array(0..<500))
  }

  @Test("no more than count threads run at once, and every job runs")
  func bounded() throws {
    let threads = WorkerThreads(count: 3, name: "test-bounded", idle: false)
    let running = Atomic(0)
    let most = Atomic(0)
    let done = Atomic(0)
    for _ in 0..<200 {
      threads.async {
        let now = running.add(1, ordering: .sequentiallyConsistent).newValue
        most.max(now, ordering: .sequentiallyConsistent)
        usleep(200)  // work that takes a while, so that jobs overlap
        running.subtract(1, ordering: .sequentiallyConsistent)
        done.add(1, ordering: .sequentiallyConsistent)
      }
    }
    try waitUntil("200 jobs run", observe: { "\(done.load(ordering: .relaxed)) run" }) {
      done.load(ordering: .relaxed) == 200
    }
    #expect(most.load(ordering: .relaxed) <= 3)
    #expect(most.load(ordering: .relaxed) >= 2, "jobs that wait on each other's time never overlapped")
    #expect(threads.threads <= 3)
  }

  @Test("a thread without a job ends after its linger, and a new job starts one again")
  func linger() throws {
    let threads = WorkerThreads(count: 2, name: "test-linger", idle: false, linger: 0.05)
    #expect(run(on: threads) { 1 } == 1)
    try waitUntil("the thread to end", observe: { "\(threads.threads) threads" }) { threads.threads == 0 }
    #expect(run(on: threads) { 2 } == 2)
  }
}
