import Foundation
import Testing

/// The reducer's switches over `Action` and `Command` name every case, so the compiler points at each one
/// when a case is added; a `default:` would let a new case be ignored silently.
@Suite("The reducer's switches are exhaustive")
struct ReducerExhaustivenessTests {
  /// `Sources/CawUI/App/Reducer*.swift`.
  private static func reducerFiles() throws -> [URL] {
    let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/CawUI/App")
    return try FileManager.default.contentsOfDirectory(at: app, includingPropertiesForKeys: nil)
      .filter { $0.lastPathComponent.hasPrefix("Reducer") && $0.pathExtension == "swift" }
  }

  /// The `default:` lines directly inside each `switch <subject> {` of `text`, with the line they are on.
  static func defaults(in text: String, subjects: Set<String>) -> [Int] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var found: [Int] = []
    for (start, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("switch "), trimmed.hasSuffix("{"),
        subjects.contains(String(trimmed.dropFirst(7).dropLast()).trimmingCharacters(in: .whitespaces))
      else { continue }
      var depth = 0
      for n in start..<lines.count {
        let body = lines[n].trimmingCharacters(in: .whitespaces)
        if depth == 1, body.hasPrefix("default:") { found.append(n + 1) }
        depth += lines[n].filter { $0 == "{" }.count - lines[n].filter { $0 == "}" }.count
        if depth == 0, n > start { break }
      }
    }
    return found
  }

  @Test func theScanFindsADefaultCase() {
    let text = "switch action {\ncase .a: break\ndefault:\n  switch key {\n  default: break\n  }\n}\n"
    #expect(Self.defaults(in: text, subjects: ["action"]) == [3])
    #expect(Self.defaults(in: text, subjects: ["key"]) == [5])
  }

  @Test func noSwitchOverAnActionOrACommandHasADefault() throws {
    let files = try Self.reducerFiles()
    #expect(files.count >= 5)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      let lines = Self.defaults(in: text, subjects: ["action", "command"])
      #expect(lines.isEmpty, "\(file.lastPathComponent) has default: on lines \(lines)")
    }
  }
}
