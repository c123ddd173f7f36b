import OrderedCollections
import CawCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
  private func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
  }

  @Test("objects keep key order; a repeated key keeps its first place and its last value, as a Python dict")
  func keyOrder() throws {
    let value = try parse(#"{"b": 1, "a": 2, "b": 3}"#)
    let object = try #require(value.objectValue)
    #expect(Array(object.keys) == ["b", "a"])
    #expect(object["b"] == .number(.int(3)))
  }

  @Test("numbers keep int vs float, big ints keep their digits, NaN and Infinity are read")
  func numbers() throws {
    #expect(try parse("0") == .number(.int(0)))
    #expect(try parse("-12") == .number(.int(-12)))
    #expect(try parse("0.0") == .number(.double(0)))
    #expect(try parse("1e-05") == .number(.double(1e-5)))
    #expect(try parse("123456789012345678901234567890") == .number(.bigInt("123456789012345678901234567890")))
    #expect(try parse("-Infinity") == .number(.double(-.infinity)))
    #expect(try parse("NaN").numberValue?.doubleValue.isNaN == true)
  }

  @Test("escapes, surrogate pairs and lone surrogates")
  func strings() throws {
    #expect(try parse(#""a\"b\\c\/\n\t\u00e9""#) == .string("a\"b\\c/\n\té"))
    #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
  }

  @Test("invalid UTF-8 in a string is replaced and reported")
  func invalidUTF8() throws {
    let bytes: [UInt8] = Array(#"{"a": "ok"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
    let (value, sawInvalid) = try JSONParser.parseReportingUTF8(bytes)
    #expect(sawInvalid)
    #expect(value["a"] == .string("ok\u{FFFD}\u{FFFD}"))
  }

  @Test("truncated input is an end-of-input error with its position", arguments: [
    #"{"a": [1, 2"#, #"{"a": "unterminated"#, #"{"a"#, "tru", "",
  ])
  func truncation(text: String) {
    #expect {
      _ = try JSONParser.parse(Array(text.utf8))
    } throws: { error in
      (error as? JSONParseError)?.isTruncation == true
    }
  }

  @Test("syntax errors name the line and column")
  func syntaxError() {
    #expect {
      _ = try JSONParser.parse(Array("{\n  \"a\": 1,\n  \"b\" 2\n}".utf8))
    } throws: { error in
      (error as? JSONParseError)?.description == "expected ':' after a property name at line 3, column 7 (byte 18)"
    }
  }

  @Test("nesting deeper than the limit is an error, not a stack overflow")
  func depthLimit() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect {
      _ = try JSONParser.parse(Array(deep.utf8))
    } throws: { error in
      (error as? JSONParseError)?.reason == "nesting deeper than 1000 levels"
    }
    let fine = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
    #expect(try JSONParser.parse(Array(fine.utf8)).arrayValue?.count == 1)
  }

  @Test("trailing data after the value is refused")
  func extraData() {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(#"{"a": 1} x"#.utf8)) }
  }
}
