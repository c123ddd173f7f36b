import CawCore

/// "3h ago"-style times for the session list.
public enum RelativeTime {
  /// How long before `now` the ISO time `iso` was: `just now`, `12m ago`, `3h ago`, `2d ago`, or the date.
  public static func describe(_ iso: String, now: Double) -> String {
    guard let time = Timestamp.parse(iso) else { return iso.isEmpty ? "?" : String(iso.prefix(10)) }
    let seconds = Int(now - time)
    switch seconds {
    case ..<60: return "just now"
    case ..<3600: return "\(seconds / 60)m ago"
    case ..<86400: return "\(seconds / 3600)h ago"
    case ..<(86400 * 14): return "\(seconds / 86400)d ago"
    default: return Format.minute(iso).prefix(10).description
    }
  }
}
