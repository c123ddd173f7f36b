/// A JSON number that remembers whether Python would hold it as an `int` or a `float`.
public enum JSONNumber: Sendable, Hashable {
  /// An integer literal that fits in `Int`.
  case int(Int)
  /// A literal with a fraction or exponent, or `NaN` / `Infinity`.
  case double(Double)
  /// An integer literal too large for `Int`, kept as its digits.
  case bigInt(String)

  /// The value as a `Double` (big integers are approximated).
  public var doubleValue: Double {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    case .bigInt(let digits): return Double(digits) ?? 0
    }
  }

  /// The value as an `Int`, when it is an integer that fits or a float with no fraction.
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d):
      guard d.isFinite, d.rounded() == d, abs(d) < 9.2e18 else { return nil }
      return Int(d)
    case .bigInt: return nil
    }
  }

  /// Whether the value is zero.
  public var isZero: Bool {
    switch self {
    case .int(let i): return i == 0
    case .double(let d): return d == 0
    case .bigInt: return false
    }
  }

  /// Python's `a + b`: int + int stays int (overflowing to a float here), anything with a float is a float.
  public static func + (lhs: JSONNumber, rhs: JSONNumber) -> JSONNumber {
    if case .int(let a) = lhs, case .int(let b) = rhs {
      let (sum, overflow) = a.addingReportingOverflow(b)
      return overflow ? .double(Double(a) + Double(b)) : .int(sum)
    }
    return .double(lhs.doubleValue + rhs.doubleValue)
  }

  /// The literal Python's `json.dumps` writes for this number.
  public var pythonLiteral: String {
    switch self {
    case .int(let i): return String(i)
    case .double(let d): return PythonFloat.repr(d)
    case .bigInt(let digits): return digits
    }
  }
}
