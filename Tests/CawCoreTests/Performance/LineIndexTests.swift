import CawCore
import Testing

@Suite struct LineIndexTests {
  @Test func linesMatchSplitting() {
    for text in ["", "one", "one\n", "\n\n", "a\nbé\n\n日本\nlast", String(repeating: "line\tx\n", count: 1000) + "end"] {
      let index = LineIndex(text)
      let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(index.count == expected.count)
      #expect((0..<index.count).map { index[$0] } == expected)
    }
  }
}
