import Foundation

/// Formats times as Python's `datetime.now(timezone.utc).isoformat()` does.
public enum ISOTime {
  /// `2026-11-22T04:21:05.550325+00:00`; the fraction is left out when the microseconds are zero.
  public static func string(secondsSince1970 seconds: Double) -> String {
    var whole = Int(seconds.rounded(.down))
    var micros = Int(((seconds - Double(whole)) * 1_000_000).rounded())
    if micros >= 1_000_000 {
      whole += 1
      micros -= 1_000_000
    }
    var days = whole / 86400
    var rest = whole % 86400
    if rest < 0 {
      rest += 86400
      days -= 1
    }
    let (y, m, d) = civil(fromDays: days)
    // Digits written in place: `list --json` writes one for each of 10,000 sessions.
    return String(unsafeUninitializedCapacity: 48) { out in
      var count = 0
      func digits(_ value: Int, _ width: Int) {
        var value = value
        for i in stride(from: width - 1, through: 0, by: -1) {
          out[count + i] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
        count += width
      }
      func byte(_ ascii: Unicode.Scalar) {
        out[count] = UInt8(ascii: ascii)
        count += 1
      }
      if (0...9999).contains(y) {
        digits(y, 4)
      } else {
        for b in pad(y, 4).utf8 { byte(Unicode.Scalar(b)) }  // a sign or a fifth digit
      }
      byte("-"); digits(m, 2); byte("-"); digits(d, 2); byte("T")
      digits(rest / 3600, 2); byte(":"); digits(rest / 60 % 60, 2); byte(":"); digits(rest % 60, 2)
      if micros != 0 {
        byte(".")
        digits(micros, 6)
      }
      for c in "+00:00".unicodeScalars { byte(c) }
      return count
    }
  }

  /// The current time in that format.
  public static func now() -> String {
    string(secondsSince1970: Date().timeIntervalSince1970)
  }

  /// The civil date (year, month, day) of a day number (days since 1970-01-01).
  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// `value` with leading zeros to `width` digits.
  static func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
