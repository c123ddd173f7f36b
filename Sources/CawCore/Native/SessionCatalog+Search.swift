/// The agents' stores as the search index takes them.
extension SessionCatalog {
  /// The agents' stores this catalog lists, as the search index takes them (nil when it lists none): the
  /// sessions the list shows, so a record that a caw session recorded is found as that session. Listing
  /// goes through the caches in `cacheDirectory`.
  public func searchSources(cacheDirectory: String?) -> NativeSearchSources? {
    let native = origins.subtracting([.caw])
    guard !native.isEmpty else { return nil }
    let catalog = self
    return NativeSearchSources(origins: native) {
      var listed: [String: String] = [:]
      for summary in catalog.list(cacheDirectory: cacheDirectory).summaries where summary.origin != .caw {
        if let key = SessionCatalog.location(of: summary).key { listed[key] = summary.id }
      }
      return SessionOrigin.native.filter(native.contains).flatMap { origin in
        catalog.nativeUnits(origin).compactMap { unit -> NativeSearchSource? in
          guard let id = listed[unit.key] else { return nil }
          let key = unit.key
          return NativeSearchSource(id: id, origin: origin, stamps: unit.stamps) {
            catalog.loadNative(origin, key: key, skimmingContent: false)
          }
        }
      }
    }
  }
}
