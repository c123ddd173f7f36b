import Foundation
import Glibc

/// Number formats shared by the CLI and the UI, matching `caw traj` where it has one.
public enum Format {
  /// `caw traj`'s cost: `$0` for zero, `$0.0012` below a cent, else `$1.23`.
  public static func cost(_ usd: Double) -> String {
    if usd == 0 { return "$0" }
    if abs(usd) < 0.01 { return "$" + fixed(usd, 4) }
    return "$" + fixed(usd, 2)
  }

  /// A cost of which `unpricedTurns` of `turns` turns have no price: `unknown` when none has one, `≥$1.23`
  /// when some have, else ``cost(_:)``.
  public static func cost(_ usd: Double, unpricedTurns: Int, turns: Int) -> String {
    guard unpricedTurns > 0 else { return cost(usd) }
    return unpricedTurns >= turns && usd == 0 ? "unknown" : "≥" + cost(usd)
  }

  /// A cost with four decimals, for tables where cents are too coarse: `$0.0841`.
  public static func preciseCost(_ usd: Double) -> String {
    "$" + fixed(usd, 4)
  }

  /// `caw traj`'s duration: `850ms`, `12.3s`, `4m 5.6s`, `2h 3m`.
  public static func duration(milliseconds ms: Int) -> String {
    if ms < 1000 { return "\(ms)ms" }
    let seconds = Double(ms) / 1000
    if seconds < 60 { return fixed(seconds, 1) + "s" }
    let minutes = (seconds / 60).rounded(.down)
    if minutes < 60 { return "\(Int(minutes))m " + fixed(seconds - minutes * 60, 1) + "s" }
    return "\(Int(minutes) / 60)h \(Int(minutes) % 60)m"
  }

  /// `caw traj`'s token count: as is below 1000, else `12.3k`.
  public static func tokens(_ n: Int) -> String {
    n >= 1000 ? fixed(Double(n) / 1000, 1) + "k" : String(n)
  }

  /// A size in bytes for people: `512 B`, `12.3 KiB`, `1.5 MiB`.
  public static func bytes(_ n: Int) -> String {
    if n < 1024 { return "\(n) B" }
    if n < 1 << 20 { return fixed(Double(n) / 1024, 1) + " KiB" }
    return fixed(Double(n) / Double(1 << 20), 1) + " MiB"
  }

  /// A fixed-point rendering with `places` decimals, rounded as C's and Python's `%.Nf` round.
  public static func fixed(_ value: Double, _ places: Int) -> String {
    // C's printf rounding, as `String(format:)` gives, without Foundation's format parser (a list row
    // formats a cost, and 10,000 rows are built when a filter is first typed).
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
      let written = withVaList([Int32(places), value]) { vsnprintf(buffer.baseAddress, 64, "%.*f", $0) }
      guard written >= 0, written < 64 else { return String(format: "%.\(places)f", value) }
      return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)), as: UTF8.self)
    }
  }

  /// `2026-11-22 04:21` (UTC) from caw's ISO timestamp, or the text as is when it is not one.
  public static func minute(_ iso: String) -> String {
    guard Timestamp.parse(iso) != nil else { return iso }
    let utc = ISOTime.string(secondsSince1970: Timestamp.parse(iso)!)
    return String(utc.prefix(10)) + " " + String(utc.dropFirst(11).prefix(5))
  }
}
