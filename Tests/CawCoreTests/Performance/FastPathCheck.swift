@testable import CawCore
import Foundation
import Testing

/// Checks that the fast readers give what the full reader gives on a tree.
enum FastPathCheck {
  /// Every session's list summary equals its full one (but for `traj.jsonl`'s problems when the quick read
  /// answered), and a listing through a cold and then a warm
  /// ``SummaryCache`` equals the listing without one. A tree that cannot be listed fails the check.
  static func expectSameAsFullRead(_ reader: SessionReader, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let ids = try reader.sessionIDs()
    for id in ids {
      let full = reader.loadDirectory(named: id)
      let skimmed = reader.loadDirectory(named: id, skimmingContent: true)
      // The list's quick read leaves traj.jsonl alone, so its problems show once the session is opened.
      var expected = SessionSummary(full)
      if reader.quickSummary(id) != nil { expected.problems.removeAll { $0.location.hasPrefix("traj.jsonl") } }
      // NB: compared as text, since a NaN cost (a damaged file can hold one) is never == itself.
      #expect("\(reader.summarise(id))" == "\(expected)", "summary of \(id)", sourceLocation: sourceLocation)
      #expect(skimmed.problems == full.problems, "problems of \(id)", sourceLocation: sourceLocation)
      #expect(skimmed.brokenReason == full.brokenReason, "broken reason of \(id)", sourceLocation: sourceLocation)
    }
    let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("caw-cache-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
    let cache = SummaryCache(directory: cacheDirectory)
    let expected = try reader.listSessions()
    // The list read on every core, from the open sessions directory, is each session's summary in order.
    let oneByOne = ids.map { reader.summarise($0) }.sorted {
      $0.startTime != $1.startTime ? $0.startTime > $1.startTime : $0.id < $1.id
    }
    #expect("\(expected)" == "\(oneByOne)", "the list", sourceLocation: sourceLocation)
    #expect("\(try reader.listSessions(cache: cache))" == "\(expected)", "cold cache", sourceLocation: sourceLocation)
    #expect("\(try reader.listSessions(cache: cache))" == "\(expected)", "warm cache", sourceLocation: sourceLocation)
  }
}
