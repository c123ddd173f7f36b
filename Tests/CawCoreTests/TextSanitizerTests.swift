import CawCore
import Testing

@Suite("Terminal-safe text and formats")
struct TextSanitizerTests {
  @Test("escape sequences, C0/C1 controls and bidi overrides are shown, never passed through")
  func hostile() {
    let hostile = "a\u{1B}[2Jb\u{1B}]52;c;ZXZpbA==\u{07}c\u{9B}31md\u{202E}e\u{1B}]8;;http://x\u{1B}\\f"
    let single = TextSanitizer.singleLine(hostile)
    #expect(single == "a␛[2Jb␛]52;c;ZXZpbA==␇c<U+009B>31md<U+202E>e␛]8;;http://x␛\\f")
    #expect(!single.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
    #expect(TextSanitizer.multiLine("line1\nline2\r\n\tx\u{1B}") == "line1\nline2\n\tx␛")
    #expect(TextSanitizer.singleLine("a\nb") == "a⏎b")
    #expect(TextSanitizer.preview("  a \n\n b  ", limit: 10) == "a b")
    #expect(TextSanitizer.singleLine("abcdef", limit: 4) == "abc…")
  }

  @Test("the printable-ASCII check finds one byte that is not, wherever it lies in a buffer of any length")
  func printableASCIICheck() {
    let plain = Array(repeating: UInt8(ascii: "a"), count: 100)
    for length in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
      let text = Array(plain.prefix(length))
      #expect(text.withUnsafeBufferPointer { TextSanitizer.isPrintableASCII($0, keepNewlines: false) }, "\(length)")
      for position in 0..<length {
        for byte: UInt8 in [0x00, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0xFF, 0x09, 0x20, 0x7E] {
          var bytes = text
          bytes[position] = byte
          let expected = (0x20...0x7E).contains(byte) || byte == 0x09
          #expect(bytes.withUnsafeBufferPointer { TextSanitizer.isPrintableASCII($0, keepNewlines: false) } == expected)
          #expect(
            bytes.withUnsafeBufferPointer { TextSanitizer.isPrintableASCII($0, keepNewlines: true) } == (expected || byte == 0x0A))
        }
      }
    }
  }

  @Test("caw traj's number formats", arguments: [
    (0.0, "$0"), (0.0012, "$0.0012"), (0.00004, "$0.0000"), (1.005, "$1.00"), (12.345, "$12.35"),
  ])
  func cost(usd: Double, text: String) {
    #expect(Format.cost(usd) == text)
  }

  @Test("durations and tokens")
  func durations() {
    #expect(Format.duration(milliseconds: 850) == "850ms")
    #expect(Format.duration(milliseconds: 5123) == "5.1s")
    #expect(Format.duration(milliseconds: 70_050) == "1m 10.0s")
    #expect(Format.duration(milliseconds: 7_380_000) == "2h 3m")
    #expect(Format.tokens(999) == "999")
    #expect(Format.tokens(12_345) == "12.3k")
  }

  @Test("timestamps: caw's ISO format in and out")
  func timestamps() {
    #expect(Timestamp.parse("1970-01-01T00:00:00+00:00") == 0)
    #expect(Timestamp.parse("2026-11-22T04:21:05.5+00:00") == 1_795_321_265.5)
    #expect(Timestamp.parse("2026-11-22T05:21:05+01:00") == 1_795_321_265)
    #expect(Timestamp.parse("yesterday") == nil)
    #expect(ISOTime.string(secondsSince1970: 1_795_321_265.550325) == "2026-11-22T04:21:05.550325+00:00")
    #expect(ISOTime.string(secondsSince1970: 1_795_321_265) == "2026-11-22T04:21:05+00:00")
    #expect(ISOTime.string(secondsSince1970: -1.5) == "1969-12-31T23:59:58.500000+00:00")
    #expect(ISOTime.string(secondsSince1970: 0.000001) == "1970-01-01T00:00:00.000001+00:00")
    #expect(ISOTime.string(secondsSince1970: 253_402_300_800) == "10000-01-01T00:00:00+00:00")
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let time = Double(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)) + Double(Int.random(in: 0..<1_000_000, using: &generator)) / 1e6
      let text = ISOTime.string(secondsSince1970: time)
      #expect(abs((Timestamp.parse(text) ?? .nan) - time) < 1e-6, "\(time) → \(text)")
    }
    #expect(DisplayWidth.of("日本a😀é") == 8)
  }
}
