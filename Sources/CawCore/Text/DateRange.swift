import Glibc

/// A range of start times given as `--since` / `--until`: dates are local days (`TZ`), both ends included.
public struct DateRange: Hashable, Sendable {
  /// The earliest time included, seconds since 1970; nil for no lower bound.
  public var since: Double?
  /// The first time no longer included, seconds since 1970; nil for no upper bound.
  public var before: Double?

  /// A range from its bounds (`before` excluded).
  public init(since: Double? = nil, before: Double? = nil) {
    self.since = since
    self.before = before
  }

  /// The range `--since SINCE --until UNTIL` names.
  ///
  /// Each is `YYYY-MM-DD` (or `YYYYMMDD`), a local day: `since` from its start, `until` to its end; a day
  /// counted back from `now` (`today`, `yesterday`, `3d` for three days ago, `2w` for fourteen); or a
  /// time `YYYY-MM-DDTHH:MM[:SS]`, local unless it ends in `Z` or `±HH:MM`.
  /// - Throws: ``CawError`` (`.invalidArgument`) for anything else, or an empty range.
  public init(since: String?, until: String?, now: Double = Double(time(nil))) throws(CawError) {
    self.since = try since.map { (text) throws(CawError) in try Self.bound(text, option: "--since", now: now).start }
    before = try until.map { (text) throws(CawError) in try Self.bound(text, option: "--until", now: now).end }
    if let start = self.since, let end = before, end <= start {
      throw CawError(.invalidArgument, "--until is before --since: nothing can be in that range")
    }
  }

  /// Whether nothing is excluded.
  public var isUnbounded: Bool { since == nil && before == nil }

  /// Whether `time` (seconds since 1970) lies in the range.
  public func contains(_ time: Double) -> Bool {
    if let since, time < since { return false }
    if let before, time >= before { return false }
    return true
  }

  /// The start and end (excluded) of what `text` names.
  static func bound(_ text: String, option: String, now: Double) throws(CawError) -> (start: Double, end: Double) {
    if let back = daysBack(text) {
      let today = LocalTime.date(now)
      guard let start = LocalTime.seconds(year: today.year, month: today.month, day: today.day - back),
        let end = LocalTime.seconds(year: today.year, month: today.month, day: today.day - back + 1)
      else { throw invalid(text, option) }
      return (start, end)
    }
    let b = Array(text.utf8)
    func number(_ start: Int, _ count: Int) -> Int? {
      guard start + count <= b.count else { return nil }
      var value = 0
      for byte in b[start..<start + count] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    let dashed = b.count >= 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
    let (year, month, day) = dashed ? (number(0, 4), number(5, 2), number(8, 2)) : (number(0, 4), number(4, 2), number(6, 2))
    let dateLength = dashed ? 10 : 8
    guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day), b.count >= dateLength else {
      throw invalid(text, option)
    }
    if b.count == dateLength {
      guard let start = LocalTime.seconds(year: year, month: month, day: day),
        let end = LocalTime.seconds(year: year, month: month, day: day + 1)
      else { throw invalid(text, option) }
      return (start, end)
    }
    guard dashed, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let hour = number(11, 2),
      b.count >= 16, b[13] == UInt8(ascii: ":"), let minute = number(14, 2), hour < 24, minute < 60
    else { throw invalid(text, option) }
    var i = 16
    var second = 0
    var step = 60.0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = number(17, 2), s < 61 else { throw invalid(text, option) }
      second = s
      step = 1
      i = 19
    }
    let rest = String(decoding: b[i...], as: UTF8.self)
    if rest.isEmpty {
      guard let start = LocalTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
      else { throw invalid(text, option) }
      return (start, start + step)
    }
    let head = String(decoding: b[..<16], as: UTF8.self) + ":" + (second < 10 ? "0" : "") + String(second)
    guard !rest.hasPrefix("."), let start = Timestamp.parse(head + rest) else { throw invalid(text, option) }
    return (start, start + step)
  }

  /// How many days back `today`, `yesterday`, `Nd` or `Nw` (N up to 9999) names; nil for anything else.
  private static func daysBack(_ text: String) -> Int? {
    switch text.lowercased() {
    case "today": return 0
    case "yesterday": return 1
    case let t where t.count >= 2 && t.count <= 5 && (t.hasSuffix("d") || t.hasSuffix("w")):
      guard let n = Int(t.dropLast()), n >= 0 else { return nil }
      return t.hasSuffix("w") ? n * 7 : n
    default: return nil
    }
  }

  private static func invalid(_ text: String, _ option: String) -> CawError {
    CawError(
      .invalidArgument,
      "\(option) \(TextSanitizer.singleLine(text, limit: 60)): expected a date (2026-11-20), a day back (today, yesterday, 7d, 2w) or a time (2026-11-20T14:30, Z or ±HH:MM for UTC or an offset)")
  }
}
