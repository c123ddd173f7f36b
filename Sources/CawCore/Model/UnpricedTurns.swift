import OrderedCollections

/// Turns whose cost is unknown: the CLI reported none (codex never does) and the price table has no
/// price for the model, often because no model was named (codex's stream does not name it).
///
/// caw's format has no "unknown" cost: `cost_usd` stays `0.0`, a number caw 0.1.5–0.1.9 reads and sums,
/// and the turns are listed in `metadata.unpriced_turns` (caw keeps metadata keys it does not know),
/// like `cancelled_turns`. Everything that shows a cost says "unknown" for them instead of `$0`.
public enum UnpricedTurns {
  /// The metadata key.
  public static let metadataKey = "unpriced_turns"

  /// The indices of the turns listed as unpriced in `trajectory`'s metadata.
  public static func indices(_ trajectory: Trajectory) -> [Int] {
    (trajectory.metadata[metadataKey]?.arrayValue ?? []).compactMap { $0.numberValue?.intValue }
  }

  /// Adds turn `index` to the list in `metadata`.
  public static func add(_ index: Int, to metadata: inout JSONObject) {
    var list = metadata[metadataKey]?.arrayValue ?? []
    list.append(.number(.int(index)))
    metadata[metadataKey] = .array(list)
  }
}
