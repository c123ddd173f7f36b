/// One fuzz target: a name and a check that runs a parser on arbitrary bytes and stops the program
/// (so libFuzzer records the input) when an invariant does not hold.
public struct FuzzTarget: Sendable {
  /// The target's name (`caw-fuzz NAME`), also its corpus directory under `Fuzz/Corpus`.
  public let name: String
  /// What the target checks, for `caw-fuzz --list`.
  public let summary: String
  /// Runs the parser on `bytes` and checks its invariants.
  public let check: @Sendable ([UInt8]) -> Void

  /// Every target.
  public static let all: [FuzzTarget] = [
    JSONFuzz.target, SkimFuzz.target, DecoderFuzz.target, EventLogFuzz.target, StreamFuzz.target, ImportFuzz.target,
    HandleFuzz.target, SanitizerFuzz.target,
  ]

  /// The target called `name`.
  public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Stops the program when `condition` is false: a finding.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError("fuzz invariant broken: " + message()) }
}
