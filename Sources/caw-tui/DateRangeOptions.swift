import ArgumentParser
import CawCore

/// `--since` / `--until`: sessions by start time, dates in the local time zone (`TZ`).
struct DateRangeOptions: ParsableArguments {
  @Option(name: .long, help: "Only sessions started on or after this date (YYYY-MM-DD, local time) or time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]).")
  var since: String?

  @Option(name: .long, help: "Only sessions started on or before this date (the whole day, local time) or time.")
  var until: String?

  /// The range the options name.
  func range() throws -> DateRange {
    try DateRange(since: since, until: until)
  }
}
