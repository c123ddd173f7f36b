@testable import CawCore
import Foundation
import Testing

@Suite struct LineReaderTests {
  /// Reading a file in chunks smaller than its lines gives the lines splitting gives, and the size.
  @Test func chunkedLinesMatchSplitting() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("caw-lines-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let texts = ["", "\n", "one", "one\n", "a\n\nb\n", String(repeating: "x", count: 100) + "\nshort\n" + String(repeating: "y", count: 37)]
    for text in texts {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let expected = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      for chunkSize in [1, 3, 16, 1 << 20] {
        var lines: [[UInt8]] = []
        let size = try LineReader.forEachLine(ofFile: path, chunkSize: chunkSize) { lines.append(Array($0)) }
        #expect(lines == expected && size == text.utf8.count, "\(text.debugDescription) in chunks of \(chunkSize)")
      }
      var inMemory: [[UInt8]] = []
      Array(text.utf8).withUnsafeBufferPointer { LineReader.forEachLine(in: $0) { inMemory.append(Array($0)) } }
      #expect(inMemory == expected)
    }
  }
}
