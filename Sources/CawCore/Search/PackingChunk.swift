import Dispatch

/// A chunk of a session's text being packed (``TextPacking``) on another thread, so the index's one
/// writer goes on writing blocks meanwhile.
final class PackingChunk: @unchecked Sendable {
  /// The chunk's rowid in `texts`.
  let row: Int64
  private let done = DispatchSemaphore(value: 0)
  private var packed: [UInt8] = []
  /// Starts packing `bytes`, the text of chunk `row`, on one of `threads`.
  init(row: Int64, _ bytes: [UInt8], on threads: WorkerThreads) {
    self.row = row
    threads.async {
      self.packed = TextPacking.pack(bytes)
      self.done.signal()
    }
  }

  /// The packed bytes, once they are ready.
  func wait() -> [UInt8] {
    done.wait()
    return packed
  }
}
