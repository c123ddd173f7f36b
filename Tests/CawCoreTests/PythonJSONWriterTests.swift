import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

@Suite("Python-exact JSON writing")
struct PythonJSONWriterTests {
  @Test("indent=2 layout: nested containers, empty containers, separators")
  func indented() {
    let value: JSONValue = .object([
      "a": .array([.number(.int(1)), .object([:]), .array([])]), "b": .object(["c": .null, "d": .bool(true)]),
    ])
    let expected = """
      {
        "a": [
          1,
          {},
          []
        ],
        "b": {
          "c": null,
          "d": true
        }
      }
      """
    #expect(PythonJSONWriter.string(value, style: .indented) == expected)
  }

  @Test("single-line layout uses ', ' and ': '")
  func singleLine() {
    let value: JSONValue = .object(["type": "user", "turn_index": .number(.int(0)), "x": .array([.number(.int(1)), .number(.int(2))])])
    #expect(PythonJSONWriter.string(value, style: .singleLine) == #"{"type": "user", "turn_index": 0, "x": [1, 2]}"#)
  }

  @Test("ensure_ascii: lowercase \\u escapes, surrogate pairs, controls and DEL escaped")
  func escaping() {
    let text = "é世😀\u{1B}[2J\u{7F}\"\\\n\r\t\u{8}\u{C}/"
    #expect(
      PythonJSONWriter.string(.string(text), style: .singleLine)
        == #""\u00e9\u4e16\ud83d\ude00\u001b[2J\u007f\"\\\n\r\t\b\f/""#)
  }

  @Test("one character to escape is found wherever it lies in a long string")
  func escapeFoundAnywhere() {
    let escapes: [(Character, String)] = [
      ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1F}", #"\u001f"#), ("\u{7F}", #"\u007f"#), ("é", #"\u00e9"#),
    ]
    for length in [1, 15, 16, 17, 40] {
      for position in 0..<length {
        for (character, escaped) in escapes {
          let before = String(repeating: "a", count: position)
          let after = String(repeating: "b", count: length - position - 1)
          let written = PythonJSONWriter.string(.string(before + String(character) + after), style: .singleLine)
          #expect(written == "\"" + before + escaped + after + "\"", "\(length) \(position)")
        }
      }
      let plain = String(repeating: "x", count: length)
      #expect(PythonJSONWriter.string(.string(plain), style: .singleLine) == "\"" + plain + "\"")
    }
  }

  @Test("floats are written as Python's repr", arguments: [
    (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.0123, "0.0123"), (1e-05, "1e-05"), (0.0001, "0.0001"),
    (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"), (0.1 + 0.2, "0.30000000000000004"),
    (123.456, "123.456"), (2.2250738585072014e-308, "2.2250738585072014e-308"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"), (Double.nan, "NaN"), (-1.5e-7, "-1.5e-07"),
  ])
  func floatRepr(value: Double, expected: String) {
    #expect(PythonFloat.repr(value) == expected)
  }

  @Test("float repr agrees with Python on 2,000 random values")
  func floatReprDifferential() throws {
    var generator = SystemRandomNumberGenerator()
    let values = (0..<2000).map { i -> Double in
      switch i % 4 {
      case 0: return Double.random(in: 0..<1, using: &generator)
      case 1: return Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &generator))
      case 2: return Double(Int.random(in: 0..<1_000_000, using: &generator)) / 10000
      default: return Double.random(in: -1e20...1e20, using: &generator)
      }
    }
    let python = try Interop.python.get()
    let input = values.map { String($0.bitPattern) }.joined(separator: "\n")
    let tree = TempTree("caw-floats")
    tree.write("bits.txt", input)
    let script = "import struct,sys\nfor l in open(sys.argv[1]):\n print(repr(struct.unpack('<d', struct.pack('<Q', int(l)))[0]))"
    let result = try ProcessRun.run(python, ["-c", script, tree.path + "/bits.txt"])
    let expected = result.stdout.split(separator: "\n").map(String.init)
    #expect(expected.count == values.count)
    for (value, text) in zip(values, expected) where PythonFloat.repr(value) != text {
      Issue.record("repr(\(value.bitPattern)): Python \(text), ours \(PythonFloat.repr(value))")
    }
  }

  private static func fill(_ i: Int, _ sink: inout some JSONMemberSink) {
    sink.add("id", .string("s\(i) é \"q\""))
    sink.add("n", .number(.int(i)))
    sink.add("cost", .number(.double(0.1 * Double(i))))
    sink.add("list", .array([]))
    sink.addObject("empty") { _ in }
    sink.addObject("usage") { usage in
      usage.add("tokens", .number(.int(i * 7)))
      usage.addObject("nested") { $0.add("deep", .array([.bool(true), .null])) }
    }
  }

  @Test("an array of objects written in batches, from their members, is json.dumps(indent=2) of the whole")
  func batchedArrayEqualsTheWhole() {
    for count in [0, 1, 2, 3, 7, 8, 50] {
      var written: [UInt8] = []
      PythonJSONWriter.writeIndentedArray(count: count, batch: 3, object: { Self.fill($0, &$1) }) { written += $0 }
      let whole = JSONValue.array(
        (0..<count).map { i in
          var builder = JSONObjectBuilder()
          Self.fill(i, &builder)
          return .object(builder.object)
        })
      #expect(String(decoding: written, as: UTF8.self) == PythonJSONWriter.string(whole, style: .indented), "\(count) objects")
    }
  }
}
