/// What changed in a data directory since the last report.
public struct SessionChange: Sendable, Hashable {
  /// Sessions whose files were written (or that appeared or disappeared).
  public var sessionIDs: Set<String>
  /// Whether the set of session directories itself changed.
  public var listChanged: Bool

  /// Creates a change report.
  public init(sessionIDs: Set<String> = [], listChanged: Bool = false) {
    self.sessionIDs = sessionIDs
    self.listChanged = listChanged
  }

  /// Whether nothing changed.
  public var isEmpty: Bool { sessionIDs.isEmpty && !listChanged }
}
