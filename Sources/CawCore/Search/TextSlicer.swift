import Foundation
import GRDB
import Synchronization

/// The SQL function `caw_slice(chunk, data, at, length)`: the text of one block, `length` bytes from `at`
/// in the unpacked chunk `data` (``TextPacking``). The last chunk unpacked is kept, by its id and packed
/// bytes, since a session's blocks are read one after another from the same chunk.
enum TextSlicer {
  /// The last chunk unpacked: its id, its packed bytes, and its bytes.
  private static let last = Mutex<(id: Int64, packed: Data, bytes: [UInt8])?>(nil)

  /// The function, for each connection of the index.
  static let function = DatabaseFunction("caw_slice", argumentCount: 4, pure: true) { values in
    guard let id = Int64.fromDatabaseValue(values[0]), case .blob(let packed) = values[1].storage,
      let at = Int.fromDatabaseValue(values[2]), let length = Int.fromDatabaseValue(values[3]), at >= 0, length >= 0
    else { return nil }
    guard let bytes = unpacked(id: id, packed) else { return nil }
    guard at + length <= bytes.count else { return nil }
    return String(decoding: bytes[at..<at + length], as: UTF8.self)
  }

  /// The bytes of chunk `id`, from the kept one when it is the same.
  private static func unpacked(id: Int64, _ packed: Data) -> [UInt8]? {
    if let kept = last.withLock({ $0 }), kept.id == id, kept.packed == packed { return kept.bytes }
    guard let bytes = packed.withUnsafeBytes({ TextPacking.unpack($0) }) else { return nil }
    last.withLock { $0 = (id, packed, bytes) }
    return bytes
  }
}
