import CawCore

/// The search of every session, drawn over the body: the query, what the index says, and the hits, two
/// rows each (where the block is, then its snippet with the matches marked).
enum FinderOverlay {
  /// Rows of the box above the hits: the query, the status, a blank row.
  static let headerRows = 3

  /// How many hits fit on a screen of `size` (each takes two rows, inside a frame below the title bar
  /// and above the footer).
  static func hitsShown(in size: Size) -> Int {
    max((size.height - 2 - 2 - headerRows) / 2, 1)
  }

  /// Whether the finder draws over all of `area` (a box filled from edge to edge), hiding what is under it.
  static func covers(_ area: Rect) -> Bool { area.width >= 10 && area.height >= 3 + headerRows }

  /// Draws the finder of `state` into `area` (the body).
  static func render(_ state: AppState, into grid: inout CellGrid, area: Rect) {
    guard covers(area) else { return }
    BoxFrame.draw(area, title: "Search every session", into: &grid)
    let inner = area.inset(1)
    let width = inner.width - 2
    let x = inner.x + 1
    let finder = state.finder
    grid.put(
      [Span("Find: ", .key), Span(TextSanitizer.singleLine(finder.text) + "▏", .prompt)], column: x, row: inner.y,
      maxWidth: width, clip: inner)
    grid.put(status(state), column: x, row: inner.y + 1, maxWidth: width, clip: inner)
    let top = inner.y + headerRows
    let shown = max((inner.maxY - top) / 2, 0)
    let first = finder.scroll.offset
    for (n, index) in (first..<min(first + shown, finder.hits.count)).enumerated() {
      let hit = finder.hits[index]
      let row = top + 2 * n
      let selected = index == finder.scroll.cursor
      if selected { grid.fill(Rect(x: inner.x, y: row, width: inner.width, height: 2), role: .selectionFocused) }
      let base: StyleRole = selected ? .selectionFocused : .normal
      grid.put(heading(hit, selected: selected), column: x, row: row, maxWidth: width, clip: inner)
      grid.put([Span("    ", base)] + snippet(hit, base: base), column: x, row: row + 1, maxWidth: width, clip: inner)
    }
  }

  /// The status row: how many hits, or why there are none, and how far the index is.
  static func status(_ state: AppState) -> [Span] {
    let finder = state.finder
    var spans: [Span]
    if let error = finder.error {
      spans = [Span(error, .error)]
    } else if finder.text.allSatisfy(\.isWhitespace) {
      spans = [
        Span(
          "Words all in one block; \"an exact phrase\", prefix*, OR, NOT; provider: model: status: project: since: until:",
          .dim)
      ]
    } else if finder.isSearching && finder.hits.isEmpty {
      spans = [Span("searching…", .dim)]
    } else if finder.hits.isEmpty {
      spans = [Span("no hit", .dim)]
    } else {
      let count = finder.hits.count
      let all = finder.total.map { $0 > count ? "\(count) of \($0) hits" : nil } ?? nil
      // Not counted yet: a full page may be followed by more.
      let more = finder.total == nil && count >= Finder.hitLimit ? "+" : ""
      spans = [Span(all ?? "\(count)\(more) \(count == 1 ? "hit" : "hits")", .match)]
    }
    if let failure = state.indexFailure {
      spans.append(Span("  · index: " + failure, .error))
    } else if let progress = state.indexProgress {
      if progress.finished || progress.sessionsToIndex == 0 {
        spans.append(Span("  · \(progress.sessionsInTree) sessions indexed", .dim))
      } else {
        let percent = Int(progress.fraction * 100)
        spans.append(
          Span(
            "  · indexing \(progress.sessionsIndexed)/\(progress.sessionsToIndex) sessions (\(percent)%): hits so far",
            .dim))
      }
    } else if state.indexRequested {
      spans.append(Span("  · opening the index…", .dim))
    }
    return spans
  }

  /// The first row of a hit: session, start, agent, place, kind.
  private static func heading(_ hit: SearchHit, selected: Bool) -> [Span] {
    let session = hit.session
    let started = session.createdAt.isEmpty ? "" : Format.minute(session.createdAt) + "  "
    let project = session.workingDirectory.flatMap { $0.split(separator: "/").last }.map {
      "  " + TextSanitizer.singleLine(String($0), limit: 24)
    } ?? ""
    return [
      Span(String(hit.sessionID.prefix(8)), selected ? .selectionFocused : .key),
      Span("  " + started + TextSanitizer.singleLine(session.agent, limit: 12) + project + "  ", selected ? .selectionFocused : .dim),
      Span(hit.placeDescription + "  " + hit.kindDescription, selected ? .selectionFocused : .toolName),
    ]
  }

  /// The snippet, its matches marked.
  private static func snippet(_ hit: SearchHit, base: StyleRole) -> [Span] {
    let characters = Array(hit.snippet)
    var out: [Span] = []
    var position = 0
    for range in hit.highlights where range.lowerBound >= position && range.upperBound <= characters.count {
      out.append(Span(String(characters[position..<range.lowerBound]), base))
      out.append(Span(String(characters[range]), .match))
      position = range.upperBound
    }
    return out + [Span(String(characters[position...]), base)]
  }
}
