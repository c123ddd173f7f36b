import Dispatch

/// A chunk of a session's text being packed (``TextPacking``) on another thread, so the index's one
/// writer goes on writing blocks meanwhile.
final class PackingChunk: @unchecked Sendable {
  /// The chunk's rowid in `texts`.
  let row: Int64
  private let done = DispatchSemaphore(value: 0)
  private var packed: [UInt8] = []
  /// Where chunks are packed, below the UI's priority as the index's other workers are.
  private static let queue = DispatchQueue(label: "caw-tui.packing", qos: .utility, attributes: .concurrent)

  /// Starts packing `bytes`, the text of chunk `row`.
  init(row: Int64, _ bytes: [UInt8]) {
    self.row = row
    Self.queue.async {
      WorkerPriority.lowerCurrentThread()
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
