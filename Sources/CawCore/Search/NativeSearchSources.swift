/// The agents' own stores a search index covers besides the caw tree: which ones, and how to list their
/// sessions (those the session list shows: a record that a caw session recorded is searched as that session).
public struct NativeSearchSources: Sendable {
  /// The stores covered; sessions of other stores that the index holds are left alone.
  public var origins: Set<SessionOrigin>
  /// Lists the stores' sessions now.
  public var list: @Sendable () -> [NativeSearchSource]

  /// Sources from their parts.
  public init(origins: Set<SessionOrigin>, list: @escaping @Sendable () -> [NativeSearchSource]) {
    self.origins = origins
    self.list = list
  }
}
