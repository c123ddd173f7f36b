/// Parses the ISO 8601 timestamps caw writes (`2026-11-22T04:21:05.550325+00:00`).
public enum Timestamp {
  /// Seconds since 1970 for `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM|Z]`, nil for anything else.
  public static func parse(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { parse($0) }  // in place: a list sorts ten thousand of them
  }

  private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
      b[16] == UInt8(ascii: ":"),
      let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
      let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var i = 19
    var fraction = 0.0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      var scale = 0.1
      while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
        fraction += Double(b[i] - UInt8(ascii: "0")) * scale
        scale /= 10
        i += 1
      }
    }
    var offset = 0
    if i < b.count {
      if b[i] == UInt8(ascii: "Z") {
        i += 1
      } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 <= b.count,
        let h = number(b, i + 1, 2), b[i + 3] == UInt8(ascii: ":"), let m = number(b, i + 4, 2)
      {
        offset = (h * 60 + m) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        i += 6
      } else {
        return nil
      }
    }
    guard i == b.count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for i in start..<start + count {
      guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
    }
    return value
  }
}
