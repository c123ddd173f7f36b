import CawCore
import Foundation
import Testing

/// `--since` / `--until` values. Dates are local days; these tests run in whatever `TZ` the machine has,
/// so they compare against `LocalTime`, and pin UTC only where the value says so.
@Suite("Date ranges")
struct DateRangeTests {
  @Test("a date is a local day: since from its start, until to its end")
  func days() throws {
    let range = try DateRange(since: "2026-11-20", until: "2026-11-21")
    let start = try #require(LocalTime.seconds(year: 2026, month: 11, day: 20))
    let end = try #require(LocalTime.seconds(year: 2026, month: 11, day: 22))
    #expect(range.since == start && range.before == end)
    #expect(range.contains(start) && range.contains(end - 0.001) && !range.contains(end) && !range.contains(start - 1))
    #expect(try DateRange(since: "20261120", until: nil).since == start)
  }

  @Test("days counted back from now: today, yesterday, 3d, 2w are local days")
  func daysBack() throws {
    let now = try #require(LocalTime.seconds(year: 2026, month: 3, day: 1, hour: 9))  // the day after Feb 28
    func day(_ d: Int) throws -> Double { try #require(LocalTime.seconds(year: 2026, month: 3, day: d)) }
    let (first, second) = (try day(1), try day(2))
    let today = try DateRange(since: "today", until: "today", now: now)
    #expect(today.since == first && today.before == second)
    #expect(try DateRange(since: "yesterday", until: nil, now: now).since == LocalTime.seconds(year: 2026, month: 2, day: 28))
    let back = try DateRange(since: "3d", until: "1d", now: now)
    #expect(back.since == LocalTime.seconds(year: 2026, month: 2, day: 26) && back.before == first)
    #expect(try DateRange(since: "2W", until: nil, now: now).since == LocalTime.seconds(year: 2026, month: 2, day: 15))
    #expect(try DateRange(since: "0d", until: nil, now: now).since == first)
  }

  @Test("a time is local unless it says Z or an offset; until includes its minute or second")
  func times() throws {
    #expect(try DateRange(since: "2026-11-20T10:00Z", until: nil).since == 1_795_168_800)
    #expect(try DateRange(since: nil, until: "2026-11-20T10:00Z").before == 1_795_168_860)
    #expect(try DateRange(since: nil, until: "2026-11-20T10:00:30+01:00").before == 1_795_168_800 - 3600 + 31)
    #expect(try DateRange(since: "2026-11-20T10:00", until: nil).since == LocalTime.seconds(year: 2026, month: 11, day: 20, hour: 10))
  }

  @Test("anything else, or an empty range, is refused naming the option")
  func refused() {
    for (since, until) in [("the day before", nil), ("7x", nil), ("-1d", nil), ("2026-13-01", nil), ("2026-11-20T25:00", nil), (nil, "2026-11"), ("2026-11-21", "2026-11-20")] as [(String?, String?)] {
      #expect(throws: CawError.self, "\(String(describing: since)) \(String(describing: until))") { try DateRange(since: since, until: until) }
    }
  }

  @Test("weeks are ISO weeks starting on Monday")
  func weeks() throws {
    let thursday = try #require(LocalTime.seconds(year: 2026, month: 1, day: 1, hour: 12))
    #expect(LocalTime.week(thursday).key == "2026-W01" && LocalTime.week(thursday).monday == "2025-12-29")
    let sunday = try #require(LocalTime.seconds(year: 2027, month: 1, day: 3, hour: 12))
    #expect(LocalTime.week(sunday).key == "2026-W53")
    #expect(LocalTime.day(thursday) == "2026-01-01" && LocalTime.month(thursday) == "2026-01")
  }
}
