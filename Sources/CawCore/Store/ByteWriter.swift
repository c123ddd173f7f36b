/// Appends integers, floats and strings in a fixed little-endian layout (the ``SummaryCacheFile`` format).
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func int(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
  }

  mutating func double(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
  }

  mutating func string(_ value: String) {
    int(value.utf8.count)
    bytes += value.utf8
  }

  /// A flag, then the string when there is one.
  mutating func optionalString(_ value: String?) {
    int(value == nil ? 0 : 1)
    if let value { string(value) }
  }

  /// A tag (0 int, 1 float, 2 big int), then the value.
  mutating func number(_ value: JSONNumber) {
    switch value {
    case .int(let i):
      int(0)
      int(i)
    case .double(let d):
      int(1)
      double(d)
    case .bigInt(let digits):
      int(2)
      string(digits)
    }
  }
}
