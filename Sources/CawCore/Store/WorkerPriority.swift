import Glibc

/// The priority of threads that read sessions behind a UI.
///
/// On a busy machine (two cores, a list and a large session being read at once) the UI thread would
/// wait for a time slice behind the readers; with the readers niced it is answered at once. Linux keeps
/// niceness per thread, so only the reading threads are lowered, never the UI's; and as a process
/// inherits the niceness of the thread that starts it, nothing is started from a lowered thread.
public enum WorkerPriority {
  /// How much nicer than the process's main thread reading threads run.
  public static let step: Int32 = 10

  /// The niceness reading threads run at: ``step`` more than the main thread's, at most 19.
  public static var niceness: Int32 {
    errno = 0
    return min(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(getpid())) + step, 19)
  }

  /// The calling thread's niceness.
  public static var current: Int32 {
    errno = 0
    return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
  }

  /// Runs the calling thread only when no other thread wants its core (`SCHED_IDLE`): a thread woken
  /// there (the UI's, on a key) takes the core at once. Its niceness is lowered first, so that helpers
  /// it hands work to (``SessionReader/inParallel(_:_:)``) run niced. An unprivileged thread cannot
  /// leave `SCHED_IDLE`, so only threads of their own (``WorkerThreads``) are made idle.
  static func idleCurrentThread() {
    lowerCurrentThread()
    var parameters = sched_param()
    _ = sched_setscheduler(0, schedIdle, &parameters)
  }

  /// Linux's `SCHED_IDLE`, which Glibc's module does not export.
  private static let schedIdle: Int32 = 5

  /// Lowers the calling thread to ``niceness`` (it cannot be raised back).
  public static func lowerCurrentThread() { lowerCurrentThread(to: niceness) }

  /// Lowers the calling thread to `value` when it runs at a higher priority; `who` 0 is the calling
  /// thread on Linux.
  static func lowerCurrentThread(to value: Int32) {
    guard current < value else { return }
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, value)
  }
}
