import Glibc

/// Calendar arithmetic in the local time zone (`TZ`, else the system's), for date filters and the cost
/// report's days, weeks and months.
public enum LocalTime {
  /// Seconds since 1970 of a local wall-clock time; nil when it does not exist.
  public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Double? {
    tzset()
    var parts = tm()
    parts.tm_year = Int32(year - 1900)
    parts.tm_mon = Int32(month - 1)
    parts.tm_mday = Int32(day)
    parts.tm_hour = Int32(hour)
    parts.tm_min = Int32(minute)
    parts.tm_sec = Int32(second)
    parts.tm_isdst = -1
    let time = mktime(&parts)
    return time == -1 && !(year == 1969 && month == 12 && day == 31) ? nil : Double(time)
  }

  /// The local date of an instant: year, month (1–12), day (1–31), and weekday (0 = Sunday). With
  /// `readingZone` false, the zone last read is used (a caller dating many instants reads it once).
  public static func date(
    _ seconds: Double, readingZone: Bool = true
  ) -> (year: Int, month: Int, day: Int, weekday: Int) {
    if readingZone { tzset() }
    var time = time_t(seconds.rounded(.down))
    var parts = tm()
    localtime_r(&time, &parts)
    return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_wday))
  }

  /// `YYYY-MM-DD` of an instant in the local time zone.
  public static func day(_ seconds: Double) -> String {
    let d = date(seconds)
    return "\(ISOTime.pad(d.year, 4))-\(ISOTime.pad(d.month, 2))-\(ISOTime.pad(d.day, 2))"
  }

  /// `YYYY-MM` of an instant in the local time zone.
  public static func month(_ seconds: Double) -> String {
    let d = date(seconds)
    return "\(ISOTime.pad(d.year, 4))-\(ISOTime.pad(d.month, 2))"
  }

  /// The ISO 8601 week of an instant in the local time zone (`2026-W47`; weeks start on Monday) and the
  /// date of its Monday.
  public static func week(_ seconds: Double) -> (key: String, monday: String) {
    let d = date(seconds)
    let days = Timestamp.daysFromCivil(year: d.year, month: d.month, day: d.day)
    let isoWeekday = (d.weekday + 6) % 7  // Monday 0 … Sunday 6
    let monday = days - isoWeekday
    let thursday = monday + 3
    let thursdayYear = ISOTime.civil(fromDays: thursday).0
    let week = (thursday - Timestamp.daysFromCivil(year: thursdayYear, month: 1, day: 1)) / 7 + 1
    let (y, m, day) = ISOTime.civil(fromDays: monday)
    return ("\(ISOTime.pad(thursdayYear, 4))-W\(ISOTime.pad(week, 2))", "\(ISOTime.pad(y, 4))-\(ISOTime.pad(m, 2))-\(ISOTime.pad(day, 2))")
  }
}
