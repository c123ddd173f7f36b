import CawCore

/// A search of the tool outputs a session's read left in their files (``ToolUse/deferredOutput``), done
/// by the session service: which of them hold the needle.
public struct OutputSearch: Hashable, Sendable {
  /// The lowercased query searched for.
  public var needle: String
  /// The outputs searched (a session read again has others, searched afresh).
  public var searched: Set<DeferredText>
  /// The outputs that hold it.
  public var hits: Set<DeferredText>
  /// Whether the service has answered.
  public var done: Bool

  /// A search of `needle` in `searched` not yet answered.
  public init(needle: String, searched: Set<DeferredText>, hits: Set<DeferredText> = [], done: Bool = false) {
    self.needle = needle
    self.searched = searched
    self.hits = hits
    self.done = done
  }
}
