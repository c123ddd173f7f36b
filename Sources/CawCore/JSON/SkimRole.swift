/// Where a value sits in caw's layout, as far as skimming cares.
enum SkimRole {
  /// A trajectory or an event: the top level or a `subagent_trajectory`.
  case document
  /// A trajectory's `turns` array.
  case turns
  /// An element of `turns`.
  case turn
  /// A turn's `output` array.
  case blocks
  /// An element of a turn's `output`.
  case block
  /// Anything else (metadata, arguments, usage…), never skimmed.
  case other

  /// The role of the value under `key` in an object of this role.
  func child(_ key: String) -> SkimRole {
    switch (self, key) {
    case (.document, "turns"): return .turns
    case (.document, "subagent_trajectory"), (.block, "subagent_trajectory"): return .document
    case (.turn, "output"): return .blocks
    default: return .other
    }
  }

  /// The role of this array's elements.
  var element: SkimRole {
    switch self {
    case .turns: return .turn
    case .blocks: return .block
    default: return .other
    }
  }

  /// Whether a string under `key` in an object of this role is content to skim.
  func skims(_ key: String) -> Bool {
    (self == .document || self == .block) && (key == "text" || key == "output")
  }
}
