import ArgumentParser
import CawCore
import Foundation

/// `caw-tui search QUERY`: every block of every session (subagents included) that matches, newest first.
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search prompts, text, thinking and tool calls of every session.",
    discussion: """
      Words must all occur in one block (a prompt, a text or thinking block, or a tool call with its \
      arguments and output); "exact phrases" in quotes, prefix* with a star, OR, NOT (or -word) and \
      parentheses; provider:NAME, model:TEXT, status:NAME, project:NAME, since:DATE, until:DATE and \
      source:NAME among the words filter as the options do. The agents' own sessions are searched too \
      (see --source). Case and accents are ignored. The index lives in $XDG_CACHE_HOME/caw-tui and is \
      brought up to date before searching (the first time reads every session). Exits with 1 when \
      nothing matches.
      """)

  @OptionGroup var data: DataOptions

  @Argument(help: "What to find (several words: all of them).")
  var query: [String]

  @Flag(name: .long, help: "Print a JSON array of hits.")
  var json = false

  @Option(name: .long, help: "Only sessions of this provider (claude_code, codex, opencode).")
  var provider: String?

  @Option(name: .long, help: "Only sessions whose model contains this text.")
  var model: String?

  @Option(name: .long, help: "Only sessions with this status (finished, usage-limited, unfinished, broken).")
  var status: String?

  @Option(name: .long, help: "Only sessions recorded in this project: a directory name, or a path (. for here).")
  var project: String?

  @OptionGroup var dates: DateRangeOptions

  @Option(name: .long, help: "Order: newest (sessions newest first) or relevance.")
  var order: String = SearchOrder.newest.rawValue

  @Option(name: .long, help: "Show at most this many hits.")
  var limit = 50

  @Flag(name: .long, help: "Search the index as it is, without bringing it up to date first.")
  var noUpdate = false

  func run() throws {
    guard let sessionStatus = status.map({ SessionStatus(rawValue: $0) }) ?? .some(nil) else {
      throw ValidationError("--status: expected one of \(SessionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard let searchOrder = SearchOrder(rawValue: order) else {
      throw ValidationError("--order: expected newest or relevance")
    }
    guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    var searchQuery = try SearchQuery(typed: query.joined(separator: " "), order: searchOrder)
    // An option wins over the same filter typed among the words (`provider:codex`).
    let options = try SearchQuery(
      "options", provider: provider, model: model, status: sessionStatus, project: project.map(Self.projectPath),
      dates: dates.range())
    if provider != nil { searchQuery.provider = options.provider }
    if model != nil { searchQuery.model = options.model }
    if sessionStatus != nil { searchQuery.status = options.status }
    if project != nil { searchQuery.project = options.project }
    if !options.dates.isUnbounded { searchQuery.dates = options.dates }
    let results = try data.withCatalog { catalog -> SearchResults in
      guard let cache = catalog.dataDirectory.flatMap(data.searchIndexDirectory(for:)) else {
        throw ValidationError("no cache directory for the search index: set XDG_CACHE_HOME or HOME")
      }
      let index = try SQLiteSearchIndex(catalog: catalog, cacheDirectory: cache)
      if !noUpdate { try update(index) }
      // Only the chosen sources, also when the index holds others from an earlier search.
      let typedOrigins = searchQuery.origins ?? catalog.origins
      searchQuery.origins = typedOrigins.intersection(catalog.origins)
      return try index.search(searchQuery, limit: limit, after: nil, counting: !json)
    }
    if json {
      print(PythonJSONWriter.string(.array(results.hits.map(SearchHitJSON.value)), style: .indented))
    } else {
      printRuns(SearchHitText.render(results, emphasis: Self.emphasis))
    }
    if results.hits.isEmpty { throw ExitCode(1) }
  }

  /// Brings the index up to date, showing progress on a terminal.
  private func update(_ index: SQLiteSearchIndex) throws {
    let showProgress = isatty(STDERR_FILENO) == 1
    var shown = false
    let result = try index.refresh(
      progress: { progress in
        guard showProgress, progress.sessionsToIndex > 20, !progress.finished else { return }
        let percent = Int(progress.fraction * 100)
        FileHandle.standardError.write(Data("\rindexing \(progress.sessionsIndexed)/\(progress.sessionsToIndex) sessions (\(percent)%)…".utf8))
        shown = true
      }, isCancelled: { false })
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    _ = result
  }

  /// Whether matches are shown in bold: on a terminal, unless NO_COLOR is set.
  private static var emphasis: Bool {
    isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
  }

  /// A `--project` value: a name as it is, a path made absolute (from the current directory).
  static func projectPath(_ value: String) -> String {
    guard value.contains("/") || value == "." || value == ".." else { return value }
    let absolute = value.hasPrefix("/") ? value : FileManager.default.currentDirectoryPath + "/" + value
    return URL(fileURLWithPath: absolute).standardizedFileURL.path
  }
}
