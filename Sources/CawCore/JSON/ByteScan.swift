import CJSONScan

/// Finds the bytes that end a run of plain string text, eight at a time, or a string's end 64 at a time.
enum ByteScan {
  /// The scan of the JSON string content starting at `start` (past the opening quote, or any point of
  /// the content outside an escape) with vector instructions: its closing quote, or how far it is plain
  /// checked content, or that only a byte-by-byte read from `start` reports it exactly (see
  /// `caw_json_string_scan`).
  static func stringEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> caw_string_scan {
    guard let base = bytes.baseAddress else {
      return caw_string_scan(status: CAW_STRING_GOES_ON, index: start, escaped: 0, non_ascii: 0)
    }
    // A short plain string (a key, a type, an id) ends within two words: found here without the call.
    var position = start
    while position &+ 8 <= bytes.count && position &- start < 16 {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
      let special = specialBytes(word, includingNonASCII: true)
      if special != 0 {
        let at = position &+ special.trailingZeroBitCount &>> 3
        guard base[at] == UInt8(ascii: "\"") else { break }
        return caw_string_scan(status: CAW_STRING_ENDED, index: at, escaped: 0, non_ascii: 0)
      }
      position &+= 8
    }
    return caw_json_string_scan(base, bytes.count, start)
  }

  /// Whether `byte` is a hex digit, either case.
  static func isHex(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
  }

  /// A mask whose lowest set bit lies in the first byte of `word` that is `"` or `\\` (or non-ASCII, when
  /// asked); zero when there is none. (The SWAR zero-byte test: its lowest flag is always exact.)
  static func specialBytes(_ word: UInt64, includingNonASCII: Bool) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let zeroInQuotes = (quotes &- ones) & ~quotes
    let zeroInBackslashes = (backslashes &- ones) & ~backslashes
    return ((zeroInQuotes | zeroInBackslashes) & highs) | (includingNonASCII ? word & highs : 0)
  }

  /// Where the run of plain string bytes starting at `start` ends, as far as whole eight-byte words go:
  /// at the first `"` or `\\` (or non-ASCII byte, when asked) found, else where fewer than eight bytes
  /// remain. The caller goes on byte by byte from there.
  static func plainRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, includingNonASCII: Bool) -> Int {
    guard let base = bytes.baseAddress else { return start }
    var position = start
    while position &+ 8 <= bytes.count {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
      let special = specialBytes(word, includingNonASCII: includingNonASCII)
      if special != 0 { return position &+ special.trailingZeroBitCount >> 3 }
      position &+= 8
    }
    return position
  }
}
