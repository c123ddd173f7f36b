import Foundation
import OrderedCollections

/// caw's credential staging directory for containers (`caw auth`, spec §10): `~/.caw/auth`, or
/// `$CAW_AUTH_DIR`, holding `manifest.json`, `setup-container.sh` and cleaned copies of each agent's
/// files. Compatible both ways with caw 0.1.5–0.1.9's directory.
///
/// Host credential files are only ever read. Where caw deletes whatever the directory holds before
/// setup and on teardown, this refuses to delete a directory that has no `manifest.json` (and is not
/// empty) or is a symbolic link, and setup builds the new directory beside the old one and swaps it in.
public struct AuthDirectory: Sendable {
  /// The directory, spelled as caw spells it (not made absolute).
  public let path: String

  /// The directory at `path`.
  public init(path: String) {
    self.path = PythonPath.normalized(path)
  }

  /// `$CAW_AUTH_DIR` (with `~` expanded), else `$HOME/.caw/auth`.
  public init(environment: [String: String]) {
    let home = environment["HOME"] ?? NSHomeDirectory()
    if let override = environment["CAW_AUTH_DIR"], !override.isEmpty {
      self.init(path: PythonPath.expandingUser(override, home: home))
    } else {
      self.init(path: PythonPath.join(home, ".caw/auth"))
    }
  }

  /// `<dir>/manifest.json`.
  public var manifestPath: String { PythonPath.join(path, "manifest.json") }

  /// Whether the directory exists (a link to one counts, as in caw).
  public var exists: Bool { FileManager.default.fileExists(atPath: path) }

  /// The manifest, nil when there is none.
  /// - Throws: ``CawError`` when it cannot be read or is not a manifest.
  public func manifest() throws(CawError) -> AuthManifest? {
    guard FileManager.default.fileExists(atPath: manifestPath) else { return nil }
    let bytes = try FileSystem.read(manifestPath)
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch { throw CawError(.unreadable, "\(manifestPath): \(error)") }
    return try AuthManifest(json: json)
  }

  // MARK: - docker-flags

  /// caw's `docker-flags`: `-v <dir>:<mount point>:rw`, then one `-v <host file>:<mount point>/<src>:rw`
  /// per bind-mounted credential, space-separated.
  /// - Throws: ``CawError`` when there is no manifest.
  public func dockerFlags() throws(CawError) -> String {
    guard let manifest = try manifest() else {
      throw CawError(.invalidArgument, "manifest.json not found. Run `caw-tui auth setup` first.")
    }
    var flags = ["-v \(path):\(manifest.mountPoint):rw"]
    for files in manifest.agents.values {
      for file in files where file.strategy == "bind" {
        flags.append("-v \(PythonPath.join(manifest.hostHome, file.hostOriginal)):\(manifest.mountPoint)/\(file.src):rw")
      }
    }
    return flags.joined(separator: " ")
  }

  // MARK: - status

  /// One managed file's state, as `auth status` shows it.
  public struct FileStatus: Sendable, Equatable {
    /// The agent.
    public var agent: String
    /// The file's manifest entry.
    public var file: AuthManifest.File
    /// Where its content is read from: the host file for `bind`, the staged copy for `copy`.
    public var backingPath: String
    /// Whether that file exists.
    public var exists: Bool
    /// Its modification time (seconds since 1970), when it exists.
    public var modified: Double?
    /// For the agent's credential: claude's token expiry (seconds since 1970), nil when unknown.
    public var tokenExpiry: Double?
  }

  /// Every managed file of `agents` (all when empty or containing `all`), in manifest order; credential
  /// freshness is read from the host file, the source of truth.
  /// - Throws: ``CawError`` when there is no manifest.
  public func status(agents: [String] = []) throws(CawError) -> [FileStatus] {
    guard let manifest = try manifest() else {
      throw CawError(.invalidArgument, "No auth directory found. Run `caw-tui auth setup` first.")
    }
    let wanted = agents.isEmpty || agents.contains("all") ? nil : Set(agents)
    var result: [FileStatus] = []
    for (agent, files) in manifest.agents where wanted?.contains(agent) ?? true {
      let credential = files.first { $0.type == "credential" }
      var expiry: Double?
      if agent == "claude", let credential, let object = AuthAgent.readObject(backingPath(credential, manifest)) {
        expiry = AuthAgent.claudeExpiry(object)
      }
      for file in files {
        let backing = backingPath(file, manifest)
        var info = stat()
        let found = stat(backing, &info) == 0
        result.append(
          FileStatus(
            agent: agent, file: file, backingPath: backing, exists: found,
            modified: found ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : nil,
            tokenExpiry: file.type == "credential" ? expiry : nil))
      }
    }
    return result
  }

  private func backingPath(_ file: AuthManifest.File, _ manifest: AuthManifest) -> String {
    file.strategy == "bind" ? PythonPath.join(manifest.hostHome, file.hostOriginal) : PythonPath.join(path, file.src)
  }

  // MARK: - teardown

  /// Host credential files that are still symbolic links into this directory (left by caw's old
  /// symlink design): removing the directory would leave them dangling.
  public func hostLinksIntoDirectory() throws(CawError) -> [(host: String, target: String)] {
    guard let manifest = try manifest(), let resolvedDirectory = FileSystem.realPath(path) else { return [] }
    var links: [(host: String, target: String)] = []
    for files in manifest.agents.values {
      for file in files {
        let host = PythonPath.join(manifest.hostHome, file.hostOriginal)
        guard let info = FileSystem.status(host), info.st_mode & S_IFMT == S_IFLNK,
          let target = FileSystem.realPath(host) ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: host))
        else { continue }
        if target == resolvedDirectory || target.hasPrefix(resolvedDirectory + "/") { links.append((host, target)) }
      }
    }
    return links
  }

  /// Removes the directory (never a host file). Refuses when host credentials still link into it
  /// (unless `force`), when it is a symbolic link, or when it holds no manifest and is not empty.
  /// - Returns: false when there was nothing to remove.
  @discardableResult
  public func teardown(force: Bool) throws(CawError) -> Bool {
    guard FileSystem.status(path) != nil else { return false }
    try checkRemovable()
    if !force {
      let links = try hostLinksIntoDirectory()
      if !links.isEmpty {
        throw CawError(
          .invalidArgument,
          """
          Refusing to remove \(path): host credential files still symlink into it (leftover from the old \
          symlink-based design). Removing the directory would leave dangling symlinks and you would need to \
          re-authenticate every agent.

          Do one of:
            1. Replace each symlink with its real file first:
               for f in <paths>; do cp --remove-destination "$(readlink -f "$f")" "$f"; done
            2. Run `caw-tui auth teardown --force` if you accept re-auth.

          Affected symlinks:
          """ + "\n" + links.map { "  \($0.host) -> \($0.target)" }.joined(separator: "\n"))
      }
    }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw CawError(.io, "cannot remove \(path): \(error.localizedDescription)")
    }
    return true
  }

  /// Throws unless the directory may be deleted: a real directory holding a manifest, or empty.
  func checkRemovable() throws(CawError) {
    guard let info = FileSystem.status(path) else { return }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw CawError(.invalidArgument, "\(path) is not a directory (a link or a file); caw-tui leaves it alone")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    guard entries.isEmpty || entries.contains("manifest.json") else {
      throw CawError(
        .invalidArgument, "\(path) has no manifest.json, so it is not a caw auth directory; caw-tui will not delete it")
    }
  }
}
