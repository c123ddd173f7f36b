import Foundation
import Synchronization

/// What `body` returns when `start` runs it on another thread, waited for: the thread's own view
/// (its priority, its policy) brought back to the test.
public func result<T: Sendable>(
  of body: @escaping @Sendable () -> T, startedBy start: (@escaping @Sendable () -> Void) -> Void
) -> T {
  let result = Mutex<T?>(nil)
  let done = DispatchSemaphore(value: 0)
  start {
    result.withLock { $0 = body() }
    done.signal()
  }
  done.wait()
  return result.withLock { $0! }
}
