import CZlib

/// The form in which the search index keeps its text: a session's blocks' text in chunks of about
/// ``chunkSize`` bytes, each deflated (zlib) unless that saves nothing, so the index can show snippets
/// without taking more disk than the trajectories (a chunk deflates far better than each block alone).
///
/// The first byte says which: `0` then the bytes, or `1` then the byte count as a little-endian `UInt32`
/// and zlib's stream.
enum TextPacking {
  /// Text gathered into one chunk before it is packed.
  static let chunkSize = 64 << 10
  /// zlib's level.
  static let level: Int32 = 4

  /// The packed form of `bytes`.
  static func pack(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { pack(bytes: $0) }
  }

  /// The packed form of `bytes`.
  static func pack(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    if bytes.count < 96 || bytes.count > Int(UInt32.max) { return [0] + bytes }
    var bound = compressBound(uLong(bytes.count))
    var out = [UInt8](repeating: 0, count: 5 + Int(bound))
    let status = out.withUnsafeMutableBufferPointer { buffer in
      compress2(buffer.baseAddress! + 5, &bound, bytes.baseAddress, uLong(bytes.count), Self.level)
    }
    guard status == Z_OK, Int(bound) < bytes.count else { return [0] + bytes }
    out.removeSubrange((5 + Int(bound))...)
    out[0] = 1
    let count = UInt32(bytes.count)
    for i in 0..<4 { out[1 + i] = UInt8(truncatingIfNeeded: count >> (8 * UInt32(i))) }
    return out
  }

  /// The bytes `packed` holds; nil when it is not packed text.
  static func unpack(_ packed: UnsafeRawBufferPointer) -> [UInt8]? {
    guard let tag = packed.first else { return nil }
    if tag == 0 { return Array(packed.dropFirst()) }
    guard tag == 1, packed.count >= 5 else { return nil }
    var count = 0
    for i in 0..<4 { count |= Int(packed[1 + i]) << (8 * i) }
    var length = uLong(count)
    var ok = false
    let source = packed.baseAddress!.assumingMemoryBound(to: UInt8.self) + 5
    let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
      let status = uncompress(buffer.baseAddress, &length, source, uLong(packed.count - 5))
      ok = status == Z_OK && Int(length) == count
      initialized = ok ? count : 0
    }
    return ok ? bytes : nil
  }
}
