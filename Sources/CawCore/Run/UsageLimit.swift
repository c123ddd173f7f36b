import Foundation

/// A usage limit the agent hit, read from the turn's result text as caw reads it (spec §5).
public struct UsageLimit: Sendable, Equatable {
  /// Minutes caw would wait before sending "Usage limit reached earlier, now you may continue the work."
  public var waitMinutes: Int

  /// caw's message for the turn sent after waiting.
  public static let continueMessage = "Usage limit reached earlier, now you may continue the work."
  /// caw's wait when the message names no reset time.
  static let defaultWaitMinutes = 60

  /// The limit `text` reports for `provider`, or nil; `now` and `localZone` fix the clock for tests.
  public static func detect(
    _ provider: Provider, in text: String, now: Date = Date(), localZone: TimeZone = .current
  ) -> UsageLimit? {
    let lower = text.lowercased()
    switch provider {
    case .claudeCode:
      let exhausted = lower.contains("limit") || matches(#"\bout of (?:extra\s+)?usage\b"#, text) != nil
      guard lower.contains("resets"), exhausted else { return nil }
      return UsageLimit(waitMinutes: claudeResetMinutes(text, now: now) ?? defaultWaitMinutes)
    case .codex:
      guard lower.contains("usage limit") else { return nil }
      guard let groups = matches(#"try again at\s+(\d{1,2}):(\d{2})\s*(AM|PM)"#, text),
        let hour = Int(groups[0]), let minute = Int(groups[1])
      else { return UsageLimit(waitMinutes: defaultWaitMinutes) }
      let wait = minutesUntil(hour: hour24(hour, groups[2]), minute: minute, in: localZone, now: now)
      return UsageLimit(waitMinutes: wait)
    case .opencode:
      guard lower.contains("usagelimit") || lower.contains("usage limit") else { return nil }
      if let groups = matches(#"retry[\s-]*after[:\s]+(\d+)"#, lower), let seconds = Int(groups[0]) {
        return UsageLimit(waitMinutes: max(1, seconds / 60 + 1))
      }
      return UsageLimit(waitMinutes: defaultWaitMinutes)
    }
  }

  /// Minutes to the `resets 3:30pm (Zone)` time, nil when absent or the zone is unknown.
  static func claudeResetMinutes(_ text: String, now: Date) -> Int? {
    guard let groups = matches(#"resets\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)\s*\(([^)]+)\)"#, text),
      let hour = Int(groups[0])
    else { return nil }
    let minute = Int(groups[1]) ?? 0
    let label = groups[3].trimmingCharacters(in: .whitespaces)
    // caw accepts `UTC` or an IANA name (zoneinfo); Foundation would also take abbreviations like `PST`.
    let isIANA = label.uppercased() == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(label)
    guard isIANA, let zone = TimeZone(identifier: label.uppercased() == "UTC" ? "UTC" : label) else { return nil }
    return minutesUntil(hour: hour24(hour, groups[2]), minute: minute, in: zone, now: now)
  }

  /// 12-hour clock to 24-hour.
  static func hour24(_ hour: Int, _ meridiem: String) -> Int {
    let pm = meridiem.lowercased() == "pm"
    if !pm && hour == 12 { return 0 }
    if pm && hour != 12 { return hour + 12 }
    return hour
  }

  /// Whole minutes from `now` to the next `hour:minute` wall time in `zone`, plus caw's 5-minute buffer.
  static func minutesUntil(hour: Int, minute: Int, in zone: TimeZone, now: Date) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    var parts = calendar.dateComponents([.year, .month, .day], from: now)
    parts.hour = hour
    parts.minute = minute
    parts.second = 0
    guard var reset = calendar.date(from: parts) else { return defaultWaitMinutes }
    if reset <= now { reset = calendar.date(byAdding: .day, value: 1, to: reset) ?? reset + 86_400 }
    return max(1, Int(reset.timeIntervalSince(now) / 60) + 5)
  }

  /// The capture groups of the first case-insensitive match of `pattern` (`""` for a group that did not
  /// take part), or nil.
  static func matches(_ pattern: String, _ text: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    return (1..<match.numberOfRanges).map { index in
      Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
    }
  }
}
