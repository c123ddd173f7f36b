extension String {
  /// The text of `bytes` when they are valid UTF-8, nil when they are not. ASCII, most of what is read,
  /// is taken without validating: `String(validating:)` looks its generic types up at run time, call by
  /// call (5 % of a large session's parse), where `String(decoding:)` is specialised for a buffer.
  init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.allSatisfy({ $0 < 0x80 }) {
      self = String(decoding: bytes, as: UTF8.self)
    } else if let text = String(validating: bytes, as: UTF8.self) {
      self = text
    } else {
      return nil
    }
  }
}
