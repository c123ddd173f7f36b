import CawCore

/// The text `search` prints: per hit a line saying where it is, then its snippet.
enum SearchHitText {
  /// The hits of `results`, and how many there were, as runs of text; with `emphasis`, matches are
  /// bold runs.
  static func render(_ results: SearchResults, emphasis: Bool) -> [TextRun] {
    var out: [TextRun] = []
    for hit in results.hits {
      let (place, what) = (hit.placeDescription, hit.kindDescription)
      let started = hit.session.createdAt.isEmpty ? "" : Format.minute(hit.session.createdAt) + "  "
      out.append(TextRun("\(hit.sessionID.prefix(8))  \(started)\(TextSanitizer.singleLine(hit.session.agent, limit: 12))  \(place)  \(what)\n    "))
      out += snippet(hit, emphasis: emphasis)
      out.append(TextRun("\n"))
    }
    let shown = results.hits.count
    if let total = results.total {
      out.append(TextRun(shown == total ? "\(total) \(total == 1 ? "hit" : "hits")\n" : "\(shown) of \(total) hits (--limit for more)\n"))
    }
    return out
  }

  /// The snippet, its matches bold runs when asked.
  private static func snippet(_ hit: SearchHit, emphasis: Bool) -> [TextRun] {
    guard emphasis, !hit.highlights.isEmpty else { return [TextRun(hit.snippet)] }
    let characters = Array(hit.snippet)
    var out: [TextRun] = []
    var position = 0
    for range in hit.highlights where range.lowerBound >= position && range.upperBound <= characters.count {
      out.append(TextRun(String(characters[position..<range.lowerBound])))
      out.append(TextRun(String(characters[range]), bold: true))
      position = range.upperBound
    }
    return out + [TextRun(String(characters[position...]))]
  }
}
