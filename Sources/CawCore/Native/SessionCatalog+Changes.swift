/// Following the agents' stores as they are written.
extension SessionCatalog {
  /// The sessions that files reported by ``NativeWatcher`` belong to: each Claude Code transcript (a
  /// subagent's file counts for its session) and codex rollout, and whether anything of opencode's
  /// changed (its sessions are then listed again: the database does not say which).
  public struct Changes: Sendable, Equatable {
    /// The native records written, appeared or gone.
    public var locations: [Location] = []
    /// Whether opencode's store changed.
    public var opencode = false
  }

  /// The sessions `files` belong to (files outside the listed stores are ignored).
  public func changes(in files: Set<String>) -> Changes {
    var changes = Changes()
    var seen = Set<String>()
    func add(_ location: Location) {
      if let key = location.key, seen.insert(key).inserted { changes.locations.append(location) }
    }
    for file in files.sorted() {
      if origins.contains(.claude), let root = stores.claudeProjects, file.hasPrefix(root + "/") {
        let parts = file.dropFirst(root.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        // <project>/<id>.jsonl, or <project>/<id>/subagents/… for that session.
        if parts.count == 2, parts[1].hasSuffix(".jsonl") {
          add(.native(.claude, key: file, id: String(parts[1].dropLast(6))))
        } else if parts.count >= 3, !parts[1].isEmpty {
          add(.native(.claude, key: root + "/" + parts[0] + "/" + parts[1] + ".jsonl", id: String(parts[1])))
        }
      } else if origins.contains(.codex), stores.codexSessions.contains(where: { file.hasPrefix($0 + "/") }) {
        let name = FileSystem.baseName(of: file)
        if name.hasPrefix("rollout-") && name.hasSuffix(".jsonl") {
          add(.native(.codex, key: file, id: NativeStores.codexThreadID(fileName: name)))
        }
      } else if origins.contains(.opencode), let data = stores.opencodeData, file.hasPrefix(data + "/") {
        changes.opencode = true
      }
    }
    return changes
  }

  /// The search index's sources for the native sessions at `locations`, their stamps taken now (a
  /// session whose files are gone has none).
  public func searchSources(at locations: [Location]) -> [NativeSearchSource] {
    var opencodeUnits: [String: NativeUnit]?
    return locations.compactMap { location -> NativeSearchSource? in
      guard case .native(let origin, let key, let id) = location else { return nil }
      let stamps: [Int64]
      switch origin {
      case .claude: stamps = NativeStores.stamps(NativeStores.claudeFiles(transcript: key))
      case .codex: stamps = NativeStores.stamps([key])
      case .opencode, .caw:
        if opencodeUnits == nil {
          opencodeUnits = Dictionary(nativeUnits(.opencode).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        guard let unit = opencodeUnits?[key] else { return nil }
        stamps = unit.stamps
      }
      guard FileSystem.status(key) != nil || origin == .opencode else { return nil }
      let catalog = self
      return NativeSearchSource(id: id, origin: origin, stamps: stamps) {
        catalog.loadNative(origin, key: key, skimmingContent: false)
      }
    }
  }
}
