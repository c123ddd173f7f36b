import CZlib

/// The form in which the search index keeps a block's text: short text as it is, longer text deflated
/// (zlib), so the index can show snippets without taking more disk than the trajectories.
///
/// The first byte says which: `0` then the UTF-8 bytes, or `1` then the byte count as a little-endian
/// `UInt32` and zlib's stream.
enum TextPacking {
  /// Text shorter than this is kept as it is (deflating it would save little or nothing).
  static let smallText = 96

  /// The packed form of `text`.
  static func pack(_ text: String) -> [UInt8] {
    var text = text
    return text.withUTF8 { pack(bytes: $0) }
  }

  /// The packed form of UTF-8 `bytes`.
  static func pack(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    if bytes.count < smallText || bytes.count > Int(UInt32.max) { return [0] + bytes }
    var bound = compressBound(uLong(bytes.count))
    var out = [UInt8](repeating: 0, count: 5 + Int(bound))
    let status = out.withUnsafeMutableBufferPointer { buffer in
      compress2(buffer.baseAddress! + 5, &bound, bytes.baseAddress, uLong(bytes.count), 1)
    }
    guard status == Z_OK, Int(bound) < bytes.count else { return [0] + bytes }
    out.removeSubrange((5 + Int(bound))...)
    out[0] = 1
    let count = UInt32(bytes.count)
    for i in 0..<4 { out[1 + i] = UInt8(truncatingIfNeeded: count >> (8 * UInt32(i))) }
    return out
  }

  /// The text `packed` holds; nil when it is not a packed text.
  static func unpack(_ packed: UnsafeRawBufferPointer) -> String? {
    guard let tag = packed.first else { return nil }
    if tag == 0 { return String(decoding: packed.dropFirst(), as: UTF8.self) }
    guard tag == 1, packed.count >= 5 else { return nil }
    var count = 0
    for i in 0..<4 { count |= Int(packed[1 + i]) << (8 * i) }
    var length = uLong(count)
    var text: String?
    let source = packed.baseAddress!.assumingMemoryBound(to: UInt8.self) + 5
    let result = String(unsafeUninitializedCapacity: max(count, 1)) { buffer in
      let status = uncompress(buffer.baseAddress, &length, source, uLong(packed.count - 5))
      guard status == Z_OK, Int(length) == count else { return 0 }
      text = ""
      return count
    }
    return text == nil ? nil : result
  }
}
