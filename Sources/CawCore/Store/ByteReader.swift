/// Reads what ``ByteWriter`` wrote; every read returns nil past the end or on a malformed value.
struct ByteReader {
  private let bytes: [UInt8]
  private var position: Int

  init(_ bytes: [UInt8], from position: Int) {
    self.bytes = bytes
    self.position = position
  }

  /// Whether every byte has been read.
  var isAtEnd: Bool { position == bytes.count }

  mutating func int() -> Int? {
    guard let raw = word() else { return nil }
    return Int(Int64(bitPattern: raw))
  }

  mutating func double() -> Double? {
    word().map(Double.init(bitPattern:))
  }

  mutating func string() -> String? {
    guard let count = int(), count >= 0, count <= bytes.count - position else { return nil }
    let text = bytes.withUnsafeBufferPointer {
      String(validUTF8: UnsafeBufferPointer(rebasing: $0[position..<position + count]))
    }
    position += count
    return text
  }

  /// `.some(nil)` for a stored nil, nil when the bytes are malformed.
  mutating func optionalString() -> String?? {
    switch int() {
    case 0: return .some(nil)
    case 1: return string().map { .some($0) }
    default: return nil
    }
  }

  mutating func number() -> JSONNumber? {
    switch int() {
    case 0: return int().map(JSONNumber.int)
    case 1: return double().map(JSONNumber.double)
    case 2: return string().map(JSONNumber.bigInt)
    default: return nil
    }
  }

  private mutating func word() -> UInt64? {
    guard bytes.count - position >= 8 else { return nil }
    let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
    position += 8
    return value
  }
}
