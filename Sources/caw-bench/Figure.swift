import Foundation

/// One measured figure, with Python caw's figure for the same work when there is one, and the target.
struct Figure {
  /// What was measured.
  var name: String
  /// Our value, in `unit`.
  var value: Double
  /// Our CPU time in ms (user + system, every thread), when the value is a time.
  var cpu: Double? = nil
  /// Python caw's value for the same work, in `unit`.
  var python: Double?
  /// `ms` or `MiB`.
  var unit: String
  /// The target for `value`.
  var target: Target?

  /// A bound the value must stay within.
  enum Target {
    case atMost(Double)
    case atLeast(Double)
  }

  /// Python / ours: how many times faster or smaller ours is.
  var ratio: Double? { python.map { $0 / max(value, 1e-9) } }

  /// Whether the target is met (nil when there is none).
  var met: Bool? {
    switch target {
    case .atMost(let limit): return value <= limit
    case .atLeast(let limit): return value >= limit
    case nil: return nil
    }
  }

  private var targetText: String {
    switch target {
    case .atMost(let limit): return "<= " + format(limit)
    case .atLeast(let limit): return ">= " + format(limit)
    case nil: return "-"
    }
  }

  /// The table header.
  static let header = header(baseline: "python caw")

  /// The table header, naming what the figures are compared with.
  static func header(baseline: String) -> String {
    row("figure", "caw-tui", "cpu", baseline, "ratio", "target", "met")
  }

  /// This figure as a table row.
  var line: String {
    Self.row(
      name, format(value), cpu.map { String(format: "%.0f ms", $0) } ?? "-", python.map(format) ?? "-", ratio.map { String(format: "%.1fx", $0) } ?? "-",
      targetText, met.map { $0 ? "yes" : "NO" } ?? "-")
  }

  private func format(_ v: Double) -> String {
    let number = v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    return unit == "x" ? number + "x" : number + " " + unit
  }

  private static func row(_ cells: String...) -> String {
    let widths = [52, 10, 9, 11, 7, 15, 3]
    return zip(cells, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }
      .joined(separator: " ").trimmingCharacters(in: .whitespaces)
  }
}
