/// How the everyday sessions of a ``SyntheticTree`` are shaped: a benchmark measured on one shape only
/// holds for trees like it.
public struct SyntheticShape: Sendable, Equatable {
  /// The name the benchmarks print and take (`--shape`).
  public var name: String
  /// Tool calls per turn; the count leans towards the low end (most turns use a few tools, some many).
  public var toolCallsPerTurn: ClosedRange<Int>
  /// Bytes of one tool output.
  public var outputBytes: ClosedRange<Int>
  /// Whether text is escape-heavy: Claude `Read` outputs with `→` after each line number, prose and
  /// output lines in many scripts (each character a `\uXXXX` escape in caw's ASCII files).
  public var escapeDense: Bool

  /// ``SyntheticTree``'s first shape: 0–6 tool calls of 80 B–4 KB, mostly ASCII text.
  public static let standard = SyntheticShape(
    name: "standard", toolCallsPerTurn: 0...6, outputBytes: 80...4_000, escapeDense: false)

  /// Many small tool calls (1–60 per turn, 60 B–1.2 KB each) and escapes everywhere.
  public static let dense = SyntheticShape(
    name: "dense", toolCallsPerTurn: 1...60, outputBytes: 60...1_200, escapeDense: true)

  /// Every shape, by name.
  public static let all = [standard, dense]

  /// The shape called `name`, nil when there is none.
  public static func named(_ name: String) -> SyntheticShape? { all.first { $0.name == name } }

  /// A tool-call count for one turn: uniform for narrow ranges, squared towards the low end for wide ones.
  func toolCount(_ random: inout SplitMix64) -> Int {
    let span = toolCallsPerTurn.upperBound - toolCallsPerTurn.lowerBound
    guard span > 10 else { return random.int(toolCallsPerTurn) }
    let x = random.double()
    return toolCallsPerTurn.lowerBound + Int(x * x * Double(span + 1))
  }
}
