import Testing

@testable import CawCore

@Suite("Splitting CLI output into lines")
struct LineSplitterTests {
  private func line(_ text: String) -> StdoutLine { .line(Array(text.utf8)) }

  @Test("lines are completed across chunk boundaries")
  func chunkBoundaries() {
    var splitter = LineSplitter(maxLineBytes: 1024)
    #expect(splitter.push(Array("{\"a\":".utf8)) == [])
    #expect(splitter.push(Array("1}\n{\"b\"".utf8)) == [line(#"{"a":1}"#)])
    #expect(splitter.push(Array(":2}\n\n{\"c\":3}\n".utf8)) == [line(#"{"b":2}"#), line(""), line(#"{"c":3}"#)])
    #expect(splitter.finish() == nil)
  }

  @Test("CRLF endings lose the CR, also when CR and LF arrive in different chunks; other CRs stay")
  func crlf() {
    var splitter = LineSplitter(maxLineBytes: 1024)
    #expect(splitter.push(Array("x\r\ny\r".utf8)) == [line("x")])
    #expect(splitter.push(Array("\nz\rw\n".utf8)) == [line("y"), line("z\rw")])
  }

  @Test("a line longer than the limit is reported by length only, then splitting goes on")
  func oversized() {
    var splitter = LineSplitter(maxLineBytes: 4)
    #expect(splitter.push(Array("1234\n12345\nok\n".utf8)) == [line("1234"), .oversized(byteCount: 5), line("ok")])
    #expect(splitter.push(Array("abc".utf8)) == [])
    #expect(splitter.push(Array("de".utf8)) == [])
    #expect(splitter.push(Array("fgh\nxy\n".utf8)) == [.oversized(byteCount: 8), line("xy")])
  }

  @Test("the final line without a newline comes from finish(), oversized or not, once")
  func finalLine() {
    var splitter = LineSplitter(maxLineBytes: 8)
    #expect(splitter.push(Array("done\nta".utf8)) == [line("done")])
    #expect(splitter.push(Array("il".utf8)) == [])
    #expect(splitter.finish() == line("tail"))
    #expect(splitter.finish() == nil)
    var big = LineSplitter(maxLineBytes: 3)
    _ = big.push(Array("abcdef".utf8))
    #expect(big.finish() == .oversized(byteCount: 6))
  }

  @Test("works on slices (ArraySlice chunks with non-zero start index)")
  func slices() {
    var splitter = LineSplitter(maxLineBytes: 100)
    let bytes = Array("xxa\nb\n".utf8)
    #expect(splitter.push(bytes[2...]) == [line("a"), line("b")])
  }
}
