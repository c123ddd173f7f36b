import CawCore
import Testing

/// What users type, read as FTS5 queries: words, phrases, prefixes, AND, OR, NOT, parentheses.
@Suite("Search queries")
struct SearchQueryTests {
  private func fts(_ text: String) throws -> String { try SearchExpression(parsing: text).fts5 }

  @Test("words must all occur; phrases, prefixes and operators are read; everything is quoted")
  func syntax() throws {
    #expect(try fts("retry") == "\"retry\"")
    #expect(try fts("retry policy") == "((\"retry\" AND \"policy\"))")
    #expect(try fts("\"retry policy\"") == "\"retry policy\"")
    #expect(try fts("pay*") == "\"pay\"*")
    #expect(try fts("\"naive date\"*") == "\"naive date\"*")
    #expect(try fts("a OR b c") == "(\"a\" OR ((\"b\" AND \"c\")))")
    #expect(try fts("a AND b") == "((\"a\" AND \"b\"))")
    #expect(try fts("retry NOT timeout") == "((\"retry\") NOT \"timeout\")")
    #expect(try fts("retry -timeout -\"gave up\"") == "((\"retry\") NOT \"timeout\" NOT \"gave up\")")
    #expect(try fts("(a OR b) -c") == "(((\"a\" OR \"b\")) NOT \"c\")")
    #expect(try fts("-(a OR b) c") == "((\"c\") NOT (\"a\" OR \"b\"))")
    // FTS5 syntax typed by a user is only text: NEAR and columns are not read.
    #expect(try fts("say \"hi\"\"there\"") == "((\"say\" AND \"hi\" AND \"there\"))")
    #expect(try fts("NEAR(a b) name:x") == "((\"NEAR\" AND ((\"a\" AND \"b\")) AND \"name:x\"))")
    #expect(try fts("it's") == "\"it's\"")
    #expect(try fts("and or not") == "((\"and\" AND \"or\" AND \"not\"))")
    // Punctuation alone holds no word and is left out.
    #expect(try fts("retry --- ::") == "\"retry\"")
    #expect(try SearchExpression(parsing: "a \"b c\" -d").soughtPhrases.map(\.words) == ["a", "b c"])
  }

  @Test("a query with nothing to find, only NOT, or unbalanced parentheses is refused with the reason")
  func refused() {
    for text in ["", "   ", "---", "NOT retry", "-retry", "a OR -b", "(a", "a)", "NOT"] {
      #expect(throws: CawError.self, "\(text)") { try SearchExpression(parsing: text) }
    }
  }

  @Test("a typed query: filter words come out, quoted values keep their spaces, the rest is the text")
  func typed() throws {
    let query = try SearchQuery(typed: "provider:claude \"naive datetime\" model:opus status:finished project:\"my app\" retry")
    #expect(query.provider == "claude_code" && query.model == "opus" && query.status == .finished)
    #expect(query.project == "my app")
    #expect(query.expression.fts5 == "((\"naive datetime\" AND \"retry\"))")
    // A colon in other words is text; a filter's name is read in any case.
    let url = try SearchQuery(typed: "https://example.com STATUS:broken")
    #expect(url.status == .broken && url.expression.fts5.contains("https"))
    let dated = try SearchQuery(typed: "since:2026-11-19T00:00Z until:2026-11-19T23:59Z x")
    #expect(dated.dates.since == Timestamp.parse("2026-11-19T00:00:00Z") && dated.dates.before != nil)
    for bad in ["status:sleeping x", "provider:gemini x", "model: x", "since:someday x", "provider:codex", "model:opus NOT x"] {
      #expect(throws: CawError.self, "\(bad)") { try SearchQuery(typed: bad) }
    }
  }

  @Test("filters: providers by any of caw's names, projects as names or paths")
  func filters() throws {
    #expect(try SearchQuery("x", provider: "claude").provider == "claude_code")
    #expect(try SearchQuery("x", provider: "cc").provider == "claude_code")
    #expect(throws: CawError.self) { try SearchQuery("x", provider: "gemini") }
    let facts = IndexedSession(
      id: "s", agent: "codex", model: "gpt-5.3-codex", status: .finished, createdAt: "", time: 100,
      workingDirectory: "/home/dev/shop")
    #expect(try SearchQuery("x", project: "shop").admits(facts))
    #expect(try SearchQuery("x", project: "/home/dev").admits(facts))
    #expect(try SearchQuery("x", project: "/home/dev/shop/").admits(facts))
    #expect(try !SearchQuery("x", project: "/home/de").admits(facts))
    #expect(try !SearchQuery("x", project: "dev").admits(facts))
    #expect(try SearchQuery("x", model: "CODEX").admits(facts))
    #expect(try !SearchQuery("x", status: .unfinished).admits(facts))
    #expect(try SearchQuery("x", dates: DateRange(since: 100, before: 101)).admits(facts))
    #expect(try !SearchQuery("x", dates: DateRange(since: 100.5)).admits(facts))
  }
}
