import OrderedCollections

/// Writes a large, realistic `caw_data` tree for benchmarks and scale tests.
///
/// Sessions cycle through the three providers, hold thinking, text and tool calls (some failing, some
/// with non-ASCII text and escapes), nested subagents, unfinished sessions with a turn in progress and
/// usage-limited ones; one optional large session carries megabyte-sized tool outputs. Everything is
/// derived from a seed, so the same configuration always writes the same bytes, and every file goes
/// through the writers ``SessionStore`` uses (`TrajEvent` lines, `Trajectory.trajectoryFileBytes()`).
public struct SyntheticTree: Sendable {
  /// How many sessions to write (the large one included).
  public var sessionCount: Int
  /// Size of the large session's `trajectory.json` in megabytes; 0 writes none.
  public var largeSessionMegabytes: Int
  /// Seed of the generator.
  public var seed: UInt64
  /// Start time of the newest session, seconds since 1970.
  public var now: Double
  /// Where the large session sorts, 0 being the newest; the middle of the list by default.
  public var largeSessionIndex: Int?
  /// How the everyday sessions are shaped.
  public var shape = SyntheticShape.standard

  /// A configuration; the default seed makes runs comparable.
  public init(sessionCount: Int, largeSessionMegabytes: Int, seed: UInt64 = 6, now: Double = 1_795_000_000) {
    self.sessionCount = sessionCount
    self.largeSessionMegabytes = largeSessionMegabytes
    self.seed = seed
    self.now = now
  }

  /// The id of the large session (when there is one).
  public static let largeSessionID = "0000large-0000-4000-8000-000000000100"

  /// Writes the tree into `dataDirectory` and returns the session ids written.
  @discardableResult
  public func write(to dataDirectory: String) throws(CawError) -> [String] {
    var random = SplitMix64(seed: seed)
    var ids: [String] = []
    for index in 0..<sessionCount {
      let start = now - Double(index) * 613 - random.double() * 300
      let session: SyntheticSession
      if index == (largeSessionIndex ?? sessionCount / 2) && largeSessionMegabytes > 0 {
        session = SyntheticSession.large(
          megabytes: largeSessionMegabytes, start: start, shape: shape, random: &random, id: Self.largeSessionID)
      } else {
        session = SyntheticSession.ordinary(index: index, start: start, shape: shape, random: &random)
      }
      try session.record(into: dataDirectory)
      ids.append(session.trajectory.sessionID)
    }
    return ids
  }
}

/// A small deterministic random number generator (SplitMix64).
public struct SplitMix64: Sendable {
  private var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`.
  public mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  /// A number in [0, 1).
  public mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Whether an event of probability `p` happens.
  public mutating func chance(_ p: Double) -> Bool { double() < p }

  /// One of `items`.
  public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

  /// A lowercase UUID4-shaped id.
  public mutating func uuid() -> String {
    let hex = Array("0123456789abcdef")
    var digits = (0..<32).map { _ in hex[Int(next() % 16)] }
    digits[12] = "4"
    digits[16] = hex[8 + Int(next() % 4)]
    let s = String(digits)
    let parts = [
      s.prefix(8), s.dropFirst(8).prefix(4), s.dropFirst(12).prefix(4), s.dropFirst(16).prefix(4), s.dropFirst(20),
    ]
    return parts.joined(separator: "-")
  }
}
