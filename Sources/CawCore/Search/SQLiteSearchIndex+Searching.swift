import GRDB

/// Answering queries.
extension SQLiteSearchIndex {
  /// How many blocks match `query` (its filters included).
  public func count(_ query: SearchQuery) throws(CawError) -> Int {
    let (filter, arguments) = Self.filter(query)
    do {
      return try pool.read { db in try Self.count(db, filter: filter, arguments: arguments) }
    } catch {
      throw queryFailure(error)
    }
  }

  /// A query's failure: a query SQLite cannot answer (FTS5 syntax it rejects), or the index unreadable.
  private func queryFailure(_ error: any Error) -> CawError {
    if let error = error as? DatabaseError, error.resultCode == .SQLITE_ERROR {
      return CawError(.invalidArgument, "the search index cannot answer this query: \(error.message ?? "\(error)")")
    }
    return Self.failure("cannot search the index \(file)", error)
  }

  private static func count(_ db: Database, filter: String, arguments: [any DatabaseValueConvertible]) throws -> Int {
    try Int.fetchOne(
      db,
      sql: """
        SELECT count(*) FROM block_index AS f JOIN sessions AS s ON s.key = (f.rowid >> \(SearchIndexSchema.blockBits))
        WHERE \(filter)
        """, arguments: StatementArguments(arguments)) ?? 0
  }

  /// The WHERE clause over `block_index AS f` and `sessions AS s` for `query`, and its arguments.
  private static func filter(_ query: SearchQuery) -> (String, [any DatabaseValueConvertible]) {
    var conditions = ["block_index MATCH ?"]
    var arguments: [any DatabaseValueConvertible] = [query.expression.fts5]
    var sessionConditions: [String] = []
    var sessionArguments: [any DatabaseValueConvertible] = []
    if let since = query.dates.since {
      conditions.append("f.rowid >= ?")
      arguments.append(SessionKey.lowestRowID(since: since))
      sessionConditions.append("s.time >= ?")
      sessionArguments.append(since)
    }
    if let before = query.dates.before {
      conditions.append("f.rowid < ?")
      arguments.append(SessionKey.rowIDLimit(before: before))
      sessionConditions.append("s.time < ?")
      sessionArguments.append(before)
    }
    if let origins = query.origins {
      sessionConditions.append("s.origin IN (\(Array(repeating: "?", count: origins.count).joined(separator: ", ")))")
      sessionArguments += origins.sorted().map(\.rawValue)
    }
    if let provider = query.provider {
      sessionConditions.append("s.agent = ?")
      sessionArguments.append(provider)
    }
    if let model = query.model {
      sessionConditions.append("instr(lower(s.model), ?) > 0")
      sessionArguments.append(model.lowercased())
    }
    if let status = query.status {
      sessionConditions.append("s.status = ?")
      sessionArguments.append(status.rawValue)
    }
    if let project = query.project {
      if project.hasPrefix("/") {
        let prefix = project == "/" ? "/" : project + "/"
        sessionConditions.append("(s.cwd = ? OR substr(s.cwd, 1, ?) = ?)")
        sessionArguments += [project, prefix.utf8.count, prefix]
      } else {
        sessionConditions.append("s.project = ?")
        sessionArguments.append(project)
      }
    }
    return ((conditions + sessionConditions).joined(separator: " AND "), arguments + sessionArguments)
  }

  public func search(_ query: SearchQuery, limit: Int, after cursor: SearchCursor?, counting: Bool) throws(CawError) -> SearchResults {
    let (filter, filterArguments) = Self.filter(query)
    var pageConditions: [String] = []
    var pageArguments: [any DatabaseValueConvertible] = []
    var offset = 0
    switch (query.order, cursor) {
    case (.newest, let cursor?):
      pageConditions.append("f.rowid < ?")
      pageArguments.append(cursor.lastKey)
      offset = cursor.offset
    case (.relevance, let cursor?):
      offset = cursor.offset
    case (_, nil): break
    }
    let order = query.order == .newest ? "f.rowid DESC" : "f.rank, f.rowid DESC"
    let window = SearchSnippet.after * 4 + 64
    let sql = """
      SELECT f.rowid, b.kind, b.location, b.name, s.id, s.agent, s.model, s.status, s.created_at, s.time, s.cwd, s.origin,
        f.name, f.arguments, f.body,
        caw_matches(block_index, 0, \(window)), caw_matches(block_index, 1, \(window)), caw_matches(block_index, 2, \(window))
      FROM block_index AS f
      JOIN sessions AS s ON s.key = (f.rowid >> \(SearchIndexSchema.blockBits))
      JOIN blocks AS b ON b.id = f.rowid
      WHERE \(([filter] + pageConditions).joined(separator: " AND "))
      ORDER BY \(order)
      LIMIT ? OFFSET ?
      """
    let pageOffset = query.order == .relevance ? offset : 0
    do {
      return try pool.read { db in
        var hits: [SearchHit] = []
        var lastKey: Int64 = 0
        let rows = try Row.fetchCursor(
          db, sql: sql, arguments: StatementArguments(filterArguments + pageArguments + [max(limit, 0) + 1, pageOffset]))
        var more = false
        while let row = try rows.next() {
          guard hits.count < limit else {
            more = true
            break
          }
          lastKey = row[0]
          if let hit = Self.hit(row) { hits.append(hit) }
        }
        var total: Int?
        if counting { total = try Self.count(db, filter: filter, arguments: filterArguments) }
        let next = more ? SearchCursor(offset: offset + hits.count, lastKey: lastKey) : nil
        return SearchResults(hits: query.order == .newest ? Self.inReadingOrder(hits) : hits, total: total, next: next)
      }
    } catch {
      throw queryFailure(error)
    }
  }

  /// Hits found newest first (the index walked backwards) with each session's own hits put back in the
  /// order they come in the session.
  private static func inReadingOrder(_ hits: [SearchHit]) -> [SearchHit] {
    var ordered: [SearchHit] = []
    ordered.reserveCapacity(hits.count)
    var start = 0
    while start < hits.count {
      var end = start + 1
      while end < hits.count && hits[end].sessionID == hits[start].sessionID { end += 1 }
      ordered += hits[start..<end].reversed()
      start = end
    }
    return ordered
  }

  /// The hit a result row describes; nil for a row that does not decode (a damaged index).
  private static func hit(_ row: Row) -> SearchHit? {
    let kinds = SearchHit.Kind.allCases
    guard let kindIndex = row[1] as Int?, kinds.indices.contains(kindIndex),
      let location = IndexedUnit.location(from: row[2]), let status = SessionStatus(rawValue: row[7])
    else { return nil }
    let kind = kinds[kindIndex]
    let name: String = row[3]
    let facts = IndexedSession(
      id: row[4], agent: row[5], model: row[6], status: status, createdAt: row[8], time: row[9], workingDirectory: row[10],
      origin: SessionOrigin(rawValue: row[11]) ?? .caw)
    // The first field with a match, text before arguments before the name.
    let body = kind == .toolCall ? SearchHit.Field.output : .text
    var found: (SearchHit.Field, SearchSnippet)?
    for (column, field) in [(14, body), (13, .arguments), (12, .toolName)] {
      if let text = row[column] as String?, let ranges = row[column + 3] as String?,
        let snippet = SearchSnippet(text: text, matches: MatchRanges.decode(ranges))
      {
        found = (field, snippet)
        break
      }
    }
    let (field, snippet) =
      found ?? (body, SearchSnippet(offset: 0, line: 0, match: "", text: SearchSnippet.plain(row[14] ?? ""), highlights: []))
    return SearchHit(
      sessionID: facts.id, location: location, kind: kind, toolName: kind == .toolCall ? name : nil, field: field,
      offset: snippet.offset, line: snippet.line, matchedText: snippet.match, snippet: snippet.text,
      highlights: snippet.highlights, session: facts)
  }
}
