import Foundation
import Testing

/// Compares `actual` with `Snapshots/<name>.txt` next to the tests; records it when the file is missing
/// or `RECORD_SNAPSHOTS` is set, and recording fails the test so a new baseline is always reviewed.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".txt")
  let recorded = try? String(contentsOf: file, encoding: .utf8)
  if recorded == nil || ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? actual.write(to: file, atomically: true, encoding: .utf8)
    Issue.record(
      "Recorded a new snapshot \(name).txt; check it and run the tests again", sourceLocation: sourceLocation)
    return
  }
  guard recorded != actual else { return }
  let expectedLines = recorded?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for i in 0..<max(expectedLines.count, actualLines.count) {
    let e = i < expectedLines.count ? String(expectedLines[i]) : "<none>"
    let a = i < actualLines.count ? String(actualLines[i]) : "<none>"
    if e != a { diff.append("line \(i + 1):\n  expected \(e)\n  actual   \(a)") }
  }
  Issue.record(
    "Snapshot \(name).txt differs:\n\(diff.prefix(12).joined(separator: "\n"))", sourceLocation: sourceLocation)
}
