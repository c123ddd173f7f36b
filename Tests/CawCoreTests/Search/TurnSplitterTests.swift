@testable import CawCore
import Foundation
import OrderedCollections
import Testing

/// `trajectory.json` split into turns while read in chunks gives what parsing the whole file gives.
@Suite("Turn splitter")
struct TurnSplitterTests {
  /// Splits `text` in chunks of `size`; nil when the splitter found it irregular or incomplete.
  private func split(_ text: String, chunk size: Int) -> (elements: [JSONValue], header: JSONValue)? {
    let bytes = Array(text.utf8)
    var splitter = TurnSplitter()
    var elements: [JSONValue] = []
    var failed = false
    for start in stride(from: 0, to: bytes.count, by: size) {
      bytes[start..<min(start + size, bytes.count)].withUnsafeBufferPointer { chunk in
        splitter.add(chunk) { element in
          if let value = try? JSONParser.parse(element) { elements.append(value) } else { failed = true }
        }
      }
    }
    guard !failed, splitter.isComplete, let header = try? JSONParser.parse(splitter.header) else { return nil }
    return (elements, header)
  }

  /// What parsing the whole of `text` gives: the turns and the rest with `turns` emptied.
  private func whole(_ text: String) throws -> (elements: [JSONValue], header: JSONValue) {
    let value = try JSONParser.parse(Array(text.utf8))
    guard var object = value.objectValue, let turns = object["turns"]?.arrayValue else { return ([], value) }
    object["turns"] = .array([])
    return (turns, .object(object))
  }

  @Test("documents split as they parse, in chunks of any size")
  func regular() throws {
    var documents = [
      #"{"turns": []}"#, #"{"turns":[ ]}"#, #"{"turns": null, "agent": "x"}"#, #"{"agent":"codex","turns":[{"input":"a"},{"input":"b"}],"usage":{}}"#,
      #"{"a":"}{[\"turns\"]:,","turns":[{"x":"],\\\"", "turns": [1, 2]},2,"s",[3,[4]]],"z":[{"turns":[5]}]}"#,
      #"[{"turns": [1]}]"#, #"{"nested": {"turns": [1, 2]}, "turns": [true, false, null, -1.5e3, "é\u00e9\ud83d\ude00"]}"#,
      "  {\n  \"turns\" :\n [\n {\"input\": \"\\\\\"}\n ]\n}\n  ",
    ]
    let tree = try SearchTestTree(sessions: 4, largeMB: 1)
    for id in try tree.reader.sessionIDs() {
      if let text = try? String(contentsOfFile: "\(tree.data)/sessions/\(id)/trajectory.json", encoding: .utf8), (try? JSONParser.parse(Array(text.utf8))) != nil {
        documents.append(text)
      }
    }
    #expect(documents.count > 15)
    for document in documents {
      let expected = try whole(document)
      for size in document.utf8.count > 100_000 ? [4096, 1 << 20] : [1, 2, 3, 5, 13, 4096] {
        let found = try #require(split(document, chunk: size), "\(document.prefix(80)) in chunks of \(size)")
        #expect(found.elements == expected.elements && found.header == expected.header, "\(document.prefix(80)) in chunks of \(size)")
      }
    }
  }

  @Test("what cannot be split with certainty is left to the ordinary reader")
  func irregular() {
    for document in [
      #"{"turns": [1,,2]}"#, #"{"turns": [1,]}"#, #"{"turns": [,1]}"#, #"{"turns": [], "turns": [1]}"#, #"{"tu\u0072ns": [1]}"#,
      #"{"turns": [{"a": 1}"#, #"{"turns": [{"a": "x}]}"#, #"{"turns": [1]"#, "", "   ",
    ] {
      for size in [1, 4096] {
        #expect(split(document, chunk: size) == nil, "\(document) in chunks of \(size)")
      }
    }
  }

  @Test("a session streamed turn by turn gives the blocks of the ordinary full read")
  func streamedSessions() throws {
    let tree = try SearchTestTree(sessions: 12, largeMB: 2)
    var streamed = 0
    for id in try tree.reader.sessionIDs() {
      let loaded = tree.reader.loadDirectory(named: id)
      var expected: [IndexedUnit] = []
      if let t = loaded.trajectory { SessionText.units(of: t) { expected.append($0) } }
      var units: [IndexedUnit] = []
      var started: Double?
      do {
        let header = try SessionText.stream(
          file: "\(tree.data)/sessions/\(id)/trajectory.json", lastModified: 42, start: { started = $0 }, unit: { units.append($0) },
          bytesRead: { _ in })
        #expect(loaded.source == .trajectoryFile, "\(id): streamed, but the reader did not use trajectory.json")
        #expect(header.createdAt == loaded.trajectory?.createdAt && header.model == loaded.trajectory?.model)
        #expect(units.map(\.locationText) == expected.map(\.locationText) && units.map(\.hash) == expected.map(\.hash), "\(id)")
        #expect(started == (id == "edge-late" ? 42 : Timestamp.parse(header.createdAt)), "\(id)")
        streamed += 1
      } catch is SessionText.Irregular {
        #expect(["edge-jsonl-only", "edge-torn"].contains(id), "\(id) was not streamed")
      }
    }
    #expect(streamed >= 15)
  }
}
