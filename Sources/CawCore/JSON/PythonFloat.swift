/// Formats doubles exactly as Python's `repr(float)` (and so `json.dumps`) does.
public enum PythonFloat {
  /// Python's `repr(d)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16 on.
  ///
  /// `json.dumps` writes `NaN`, `Infinity` and `-Infinity` for the non-finite values.
  public static func repr(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Where Python writes digits and a point, Swift's `description` writes the same (a cost, a duration):
    // used as it is unless it chose an exponent.
    let magnitude = abs(d)
    if magnitude >= 1e-4 && magnitude < 1e16 {
      let text = d.description
      if !text.utf8.contains(UInt8(ascii: "e")) { return text }
    }
    let (negative, digits, exponent) = decompose(d)
    // `exponent` is the power of ten of the first digit (d = 0.digits × 10^(exponent+1)).
    var out = negative ? "-" : ""
    if exponent < -4 || exponent >= 16 {
      out.append(digits.first!)
      if digits.count > 1 {
        out.append(".")
        out.append(contentsOf: digits.dropFirst())
      }
      out.append("e")
      out.append(exponent < 0 ? "-" : "+")
      let magnitude = String(abs(exponent))
      if magnitude.count < 2 { out.append("0") }
      out.append(magnitude)
    } else if exponent < 0 {
      out.append("0.")
      out.append(String(repeating: "0", count: -exponent - 1))
      out.append(digits)
    } else if digits.count <= exponent + 1 {
      out.append(digits)
      out.append(String(repeating: "0", count: exponent + 1 - digits.count))
      out.append(".0")
    } else {
      out.append(contentsOf: digits.prefix(exponent + 1))
      out.append(".")
      out.append(contentsOf: digits.dropFirst(exponent + 1))
    }
    return out
  }

  /// Splits Swift's shortest round-trip rendering into sign, significant digits and decimal exponent.
  private static func decompose(_ d: Double) -> (negative: Bool, digits: String, exponent: Int) {
    // NB: Swift's `description` already yields the shortest digits that round-trip (as Python's repr
    // does); only the layout differs, so re-lay the digits out.
    var text = Substring(abs(d).description)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    var intPart = text
    var fracPart: Substring = ""
    if let dot = text.firstIndex(of: ".") {
      intPart = text[..<dot]
      fracPart = text[text.index(after: dot)...]
    }
    var all = String(intPart) + String(fracPart)
    var pointPosition = intPart.count + exponent
    while all.hasPrefix("0") && all.count > 1 {
      all.removeFirst()
      pointPosition -= 1
    }
    while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
    return (d < 0, all, pointPosition - 1)
  }
}
