import CawCore
import Testing

/// The ASCII shortcuts of `DisplayWidth` and `TextSanitizer` give what the per-character rules give.
@Suite struct ASCIIFastPathTests {
  private static let samples: [String] = {
    var random = SystemRandomNumberGenerator()
    let all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
    var texts = all + ["", "plain words", "  lead and trail  ", "a\r\nb\tc\u{0B}d\u{0C}e", String(repeating: "x", count: 80)]
    for _ in 0..<300 {
      texts.append((0..<Int.random(in: 1...70, using: &random)).map { _ in all.randomElement(using: &random)! }.joined())
    }
    return texts
  }()

  @Test func widthOfASCIIIsOneCellPerPrintableCharacter() {
    for text in Self.samples {
      #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(Array(text.utf8))")
    }
  }

  @Test func previewAndSingleLineOfASCIIFollowTheCharacterRules() {
    for text in Self.samples {
      // The same text with one non-ASCII character appended takes the per-character path.
      let slow = TextSanitizer.preview(text + "é", limit: 1000)
      #expect(TextSanitizer.preview(text, limit: 1000) + (slow.hasSuffix(" é") ? " é" : "é") == slow, "\(Array(text.utf8))")
      for limit in [0, 1, 5, 40] {
        let reference = TextSanitizer.singleLine(text + "é", limit: .max)
        let cut = reference.count - 1 > limit ? String(reference.prefix(max(limit - 1, 0))) + "…" : String(reference.dropLast())
        #expect(TextSanitizer.singleLine(text, limit: limit) == cut, "\(Array(text.utf8)) limit \(limit)")
      }
    }
  }
}
