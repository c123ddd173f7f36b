import OrderedCollections
import Glibc

/// Where the agents keep their own sessions, and the session files found there.
///
/// Claude Code: `$CLAUDE_CONFIG_DIR/projects`, else `~/.claude/projects`. Codex: `$CODEX_HOME/sessions`
/// (and `archived_sessions`), else `~/.codex/…`. opencode: `$XDG_DATA_HOME/opencode`, else
/// `~/.local/share/opencode` (`opencode.db` from 1.2 on, `storage/` JSON files before). Nothing here writes.
public struct NativeStores: Sendable, Equatable {
  /// Claude Code's `projects` directory.
  public var claudeProjects: String?
  /// Codex's rollout directories (`sessions`, `archived_sessions`).
  public var codexSessions: [String]
  /// opencode's data directory (holding `opencode.db` and/or `storage/`).
  public var opencodeData: String?

  /// The stores at explicit places (tests, or a user's other machine's copy).
  public init(claudeProjects: String?, codexSessions: [String], opencodeData: String?) {
    self.claudeProjects = claudeProjects
    self.codexSessions = codexSessions
    self.opencodeData = opencodeData
  }

  /// The stores the agents use under `environment` (`HOME`, `CLAUDE_CONFIG_DIR`, `CODEX_HOME`, `XDG_DATA_HOME`).
  public init(environment: [String: String]) {
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
    let claude = environment["CLAUDE_CONFIG_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.claude" }
    let codex = environment["CODEX_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.codex" }
    let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home.map { $0 + "/.local/share" }
    self.init(
      claudeProjects: claude.map { $0 + "/projects" },
      codexSessions: codex.map { [$0 + "/sessions", $0 + "/archived_sessions"] } ?? [],
      opencodeData: data.map { $0 + "/opencode" })
  }

  /// Whether the store of `origin` exists on this machine.
  public func isPresent(_ origin: SessionOrigin) -> Bool {
    switch origin {
    case .caw: return false
    case .claude: return claudeProjects.map(FileSystem.isDirectory) ?? false
    case .codex: return codexSessions.contains(where: FileSystem.isDirectory)
    case .opencode:
      guard let data = opencodeData else { return false }
      return FileSystem.status(data + "/opencode.db") != nil || FileSystem.isDirectory(data + "/storage/session")
    }
  }

  /// Where the store of `origin` lives, for messages.
  public func location(of origin: SessionOrigin) -> String {
    switch origin {
    case .caw: return ""
    case .claude: return claudeProjects ?? "(no HOME)"
    case .codex: return codexSessions.first ?? "(no HOME)"
    case .opencode: return opencodeData ?? "(no HOME)"
    }
  }

  // MARK: - Finding session files

  /// The transcripts of every Claude Code project: `<projects>/<project>/<session>.jsonl`.
  func claudeTranscripts() -> [String] {
    guard let root = claudeProjects, let projects = try? FileSystem.entries(root) else { return [] }
    var files: [String] = []
    for project in projects where project.exact && project.type != UInt8(DT_REG) {
      let directory = root + "/" + project.name
      guard let names = try? FileSystem.entries(directory) else { continue }
      for entry in names where entry.exact && entry.name.hasSuffix(".jsonl") && entry.type != UInt8(DT_DIR) {
        files.append(directory + "/" + entry.name)
      }
    }
    return files
  }

  /// The rollouts under Codex's session directories (`YYYY/MM/DD/rollout-*.jsonl`, any depth up to 4).
  func codexRollouts() -> [String] {
    var files: [String] = []
    func walk(_ directory: String, depth: Int) {
      guard depth <= 4, let entries = try? FileSystem.entries(directory) else { return }
      for entry in entries where entry.exact {
        let path = directory + "/" + entry.name
        if entry.name.hasPrefix("rollout-") && entry.name.hasSuffix(".jsonl") && entry.type != UInt8(DT_DIR) {
          files.append(path)
        } else if entry.type == UInt8(DT_DIR) || (entry.type == UInt8(DT_UNKNOWN) && FileSystem.isDirectory(path)) {
          walk(path, depth: depth + 1)
        }
      }
    }
    for root in codexSessions { walk(root, depth: 0) }
    return files
  }

  /// The files a Claude Code session is read from: its transcript, and its `subagents` directory with the
  /// subagents' transcripts when there is one.
  static func claudeFiles(transcript path: String) -> [String] {
    let id = String(FileSystem.baseName(of: path).dropLast(".jsonl".count))
    let agents = FileSystem.parent(of: path) + "/" + id + "/subagents"
    guard let names = try? FileSystem.list(agents) else { return [path] }
    return [path, agents] + names.sorted().filter { $0.hasPrefix("agent-") }.map { agents + "/" + $0 }
  }

  /// The Codex thread id in a rollout file name (`rollout-2025-09-25T15-12-14-<uuid>.jsonl`).
  static func codexThreadID(fileName: String) -> String {
    let stem = fileName.hasSuffix(".jsonl") ? String(fileName.dropLast(6)) : fileName
    let parts = stem.split(separator: "-")
    guard parts.count >= 5 else { return stem }
    let id = parts.suffix(5).joined(separator: "-")
    return id.count == 36 ? id : stem
  }

  /// The newest modification time among `path` and, when given, further paths (0 when none exists).
  static func modificationTime(_ paths: String...) -> Double {
    paths.reduce(0.0) { newest, path in
      guard let st = FileSystem.status(path) else { return newest }
      return max(newest, Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
  }

  /// `lstat` stamps of files, for the index: size, inode, modification and change times of each.
  static func stamps(_ paths: [String]) -> [Int64] {
    paths.flatMap { path -> [Int64] in
      guard let st = FileSystem.status(path) else { return [0, 0, 0, 0, 0, 0] }
      return [
        Int64(st.st_size), Int64(st.st_ino), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec),
        Int64(st.st_ctim.tv_sec), Int64(st.st_ctim.tv_nsec),
      ]
    }
  }
}
