import CawApp
import CawCore
import CawUI
import Foundation

extension Benchmarks {
  /// `S` on the whole list, as a user would: the search index built from nothing behind the finder while
  /// a query is typed and the hits are moved through (each key reduced and its frame drawn), then queries
  /// typed on the built index, each timed from its last key to the frame showing its hits.
  func finderFigures() throws -> [Figure] {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("caw-bench-index-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: cache) }
    var app = TUIPath(tree.dataDirectory, searchIndexDirectory: cache)
    try app.send(.sessionsRequested)
    try app.waitFor { $0.listed && $0.listingTotal == nil && $0.summaries.count == tree.sessions }
    app.waitUntilIdle()
    try app.drain()
    let start = DispatchTime.now().uptimeNanoseconds
    try app.send(.keyPressed(.character("S")))
    let typing = Array("datetime")
    var keys: [Double] = []
    var usages: [ThreadUsage] = []
    // How late the UI thread woke from each pause between keys: in a terminal a key wakes it the same way.
    var late: [Double] = []
    while app.loop.state.indexProgress?.finished != true {
      if let failure = app.loop.state.indexFailure { throw BenchError("the index could not be built: \(failure)") }
      let key: Key = keys.count < typing.count ? .character(typing[keys.count]) : keys.count % 2 == 0 ? .down : .up
      let used = ThreadUsage.now()
      let pressed = DispatchTime.now().uptimeNanoseconds
      try app.send(.keyPressed(key))
      keys.append(Double(DispatchTime.now().uptimeNanoseconds - pressed) / 1e6)
      usages.append(ThreadUsage.now().since(used))
      try app.drain()
      let paused = DispatchTime.now().uptimeNanoseconds
      usleep(50_000)  // a key every 50 ms
      late.append(Double(DispatchTime.now().uptimeNanoseconds - paused) / 1e6 - 50)
    }
    if let slowest = keys.indices.max(by: { keys[$0] < keys[$1] }) {
      print(
        "note: the slowest key while the index was built (\(slowest + 1) of \(keys.count)), on the UI thread: "
          + usages[slowest].summary)
      print("note: the UI thread woken late by at most \(String(format: "%.2f", late.max() ?? 0)) ms")
    }
    let build = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    app.waitUntilIdle()
    try app.drain()
    var answers: [Double] = []
    for _ in 0..<max(runs, 1) {
      for query in ["\"gift card\"", "refund", "migrat*", "datetime NOT timezone"] {
        try app.send(.keyPressed(.ctrl("u")))
        for character in query.dropLast() { try app.send(.keyPressed(.character(character))) }
        app.waitUntilIdle()
        try app.drain()
        let typed = DispatchTime.now().uptimeNanoseconds
        try app.send(.keyPressed(.character(query.last!)))
        try app.waitFor { $0.finder.answered == query }
        answers.append(Double(DispatchTime.now().uptimeNanoseconds - typed) / 1e6)
        guard app.loop.state.finder.error == nil, !app.loop.state.finder.hits.isEmpty else {
          throw BenchError("\(query) found nothing: \(app.loop.state.finder.error ?? "no hit")")
        }
      }
    }
    // The index file and its write-ahead log, in the directory given to the service.
    let indexBytes = try FileManager.default.contentsOfDirectory(atPath: cache).reduce(0) { sum, name in
      sum + ((try? FileManager.default.attributesOfItem(atPath: cache + "/" + name)[.size] as? Int) ?? 0)
    }
    guard indexBytes > 0 else { throw BenchError("no search index in \(cache)") }
    return [
      Figure(
        name: "TUI: first full search index, built behind `S` (\(tree.sessions) sessions)", value: build, unit: "ms",
        target: .atMost(60_000)),
      Figure(
        name: "TUI: a key while the index is built, slowest of \(keys.count)", value: keys.max() ?? 0, unit: "ms",
        target: .atMost(16)),
      Figure(
        name: "TUI: the UI thread woken late while the index is built, 99th percentile of \(late.count)",
        value: Measure.percentile(late, 0.99), unit: "ms"),
      Figure(
        name: "TUI: a key while the index is built, 99th percentile", value: Measure.percentile(keys, 0.99), unit: "ms"),
      Figure(name: "TUI: a query typed → its hits shown (median)", value: Measure.middle(answers), unit: "ms", target: .atMost(50)),
      Figure(
        name: "TUI: search index on disk, MiB (trajectory.json: \(tree.totalBytes >> 20) MiB)",
        value: Double(indexBytes) / 1_048_576, unit: "MiB", target: .atMost(Double(tree.totalBytes) / 1_048_576)),
    ]
  }
}
