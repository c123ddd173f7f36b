import Foundation

/// Threads of their own that take jobs in the order they come, at most `count` at a time. A thread
/// starts when a job finds none waiting, from the job's caller, and so runs at that thread's priority;
/// or, when `idle`, at `SCHED_IDLE` (``WorkerPriority/idleCurrentThread()``), which it cannot leave:
/// hence threads of their own rather than Dispatch's, which go on to other work. A thread left without
/// a job for `linger` seconds ends.
public final class WorkerThreads: @unchecked Sendable {
  private let count: Int
  private let name: String
  private let idle: Bool
  private let condition = NSCondition()
  private var jobs: [@Sendable () -> Void] = []
  private var head = 0
  private var running = 0
  private var waiting = 0
  private let linger: TimeInterval

  /// At most `count` threads called `name` (as `top -H` shows them), at `SCHED_IDLE` when `idle`, each
  /// ending after `linger` seconds without a job.
  public init(count: Int, name: String, idle: Bool, linger: TimeInterval = 10) {
    self.count = max(count, 1)
    self.name = name
    self.idle = idle
    self.linger = linger
  }

  /// How many threads there are now.
  var threads: Int { condition.withLock { running } }

  /// Runs `job` on one of the threads, after the jobs given before it have started.
  public func async(_ job: @escaping @Sendable () -> Void) {
    condition.lock()
    defer { condition.unlock() }
    jobs.append(job)
    condition.signal()
    // A thread more only when more jobs wait than threads wait for them.
    guard jobs.count - head > waiting, running < count else { return }
    running += 1
    let thread = Thread { [self] in work() }
    thread.stackSize = 8 << 20  // as the main thread's: sessions are parsed here
    thread.start()
  }

  private func work() {
    Thread.current.name = name
    if idle { WorkerPriority.idleCurrentThread() }
    condition.lock()
    while true {
      while head == jobs.count {
        waiting += 1
        let woken = condition.wait(until: Date(timeIntervalSinceNow: linger))
        waiting -= 1
        if !woken && head == jobs.count {
          running -= 1
          condition.unlock()
          return
        }
      }
      let job = jobs[head]
      head += 1
      if head == jobs.count {
        jobs.removeAll(keepingCapacity: true)
        head = 0
      }
      condition.unlock()
      job()
      condition.lock()
    }
  }
}
