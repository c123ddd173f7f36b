import Foundation
import SystemPackage
import OrderedCollections

extension AuthDirectory {
  /// What `setup` did.
  public struct SetupResult: Sendable {
    /// The agents staged, with caw's account summary of each (no secret in it).
    public var staged: [(agent: AuthAgent, summary: String)]
    /// The agents asked for whose credentials were missing, with the missing paths.
    public var skipped: [(agent: AuthAgent, missing: [String])]
    /// The manifest written.
    public var manifest: AuthManifest
  }

  /// The agents `names` asks for: `all` (or nothing) is every agent, in caw's order.
  /// - Throws: ``CawError`` with caw's message for an unknown name.
  public static func agents(named names: [String]) throws(CawError) -> [AuthAgent] {
    if names.isEmpty || names.contains("all") { return AuthAgent.allCases }
    var agents: [AuthAgent] = []
    for name in names {
      guard let agent = AuthAgent(rawValue: name == "claude_code" || name == "cc" ? "claude" : name) else {
        throw CawError(.invalidArgument, "Unknown agent '\(name)'. Available: claude, codex, opencode")
      }
      if !agents.contains(agent) { agents.append(agent) }
    }
    return agents
  }

  /// caw's `auth setup`: reads each agent's credentials and configs under `sourceHome` (never changing
  /// them) and replaces this directory with the staged files, `manifest.json` and `setup-container.sh`.
  ///
  /// The new directory is built beside the old one (credentials created 0600, never readable by others
  /// in between) and swapped in; an existing directory that is not a caw auth directory is refused.
  /// - Throws: ``CawError`` when no agent has credentials, a file cannot be read, or the directory
  ///   cannot be replaced.
  public func setup(agents: [AuthAgent], sourceHome: String, now: Date = Date()) throws(CawError) -> SetupResult {
    let home = PythonPath.normalized(sourceHome)
    var staged: [(agent: AuthAgent, summary: String)] = []
    var skipped: [(agent: AuthAgent, missing: [String])] = []
    for agent in agents {
      let missing = agent.missingFiles(home: home)
      if missing.isEmpty { staged.append((agent, agent.describe(home: home))) } else { skipped.append((agent, missing)) }
    }
    guard !staged.isEmpty else {
      let details = skipped.map { "  \($0.agent.rawValue): missing \($0.missing.joined(separator: ", "))" }
      throw CawError(.invalidArgument, (["No valid agent credentials found."] + details).joined(separator: "\n"))
    }
    var manifest = AuthManifest(createdAt: ISOTime.string(secondsSince1970: now.timeIntervalSince1970), hostHome: home)
    var collected: [AuthAgent.Collected] = []
    for (agent, _) in staged {
      let files = try agent.collect(home: home)
      collected += files
      manifest.agents[agent.rawValue] = files.map(\.file)
    }
    try checkRemovable()
    try replace(with: collected, manifest: manifest)
    return SetupResult(staged: staged, skipped: skipped, manifest: manifest)
  }

  /// Writes the new directory beside this one and moves it into place.
  private func replace(with files: [AuthAgent.Collected], manifest: AuthManifest) throws(CawError) {
    let parent = (path as NSString).deletingLastPathComponent
    try FileSystem.makeDirectories(parent.isEmpty ? "." : parent)
    var template = Array("\(parent.isEmpty ? "." : parent)/.caw-auth-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw FileSystem.failure("cannot create a directory beside", path, Errno(rawValue: errno)) }
    let staging = String(cString: made)
    do throws(CawError) {
      for file in files { try Self.create(staging + "/" + file.file.src, file.content, mode: Self.mode(file.file.mode)) }
      try Self.create(staging + "/manifest.json", manifest.fileBytes, mode: 0o644)
      try Self.create(staging + "/setup-container.sh", Array(ContainerSetupScript.text.utf8), mode: 0o755)
      chmod(staging, 0o755)
      if FileSystem.status(path) != nil {
        do { try FileManager.default.removeItem(atPath: path) } catch {
          throw CawError(.io, "cannot remove the old \(path): \(error.localizedDescription)")
        }
      }
      guard rename(staging, path) == 0 else { throw FileSystem.failure("cannot move the new directory to", path, Errno(rawValue: errno)) }
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw error
    }
  }

  /// Creates `path` (and its directories, 0755) holding `bytes` with exactly `mode`.
  private static func create(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(CawError) {
    let directory = (path as NSString).deletingLastPathComponent
    try FileSystem.makeDirectories(directory)
    chmod(directory, 0o755)
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0o600)
    guard fd >= 0 else { throw FileSystem.failure("cannot create", path, Errno(rawValue: errno)) }
    defer { close(fd) }
    do { _ = try FileDescriptor(rawValue: fd).writeAll(bytes) } catch { throw FileSystem.failure("cannot write", path, error) }
    guard fchmod(fd, mode) == 0 else { throw FileSystem.failure("cannot set the mode of", path, Errno(rawValue: errno)) }
  }

  /// A manifest mode such as `0600`, 0644 when it does not read as octal.
  static func mode(_ text: String) -> mode_t {
    mode_t(text, radix: 8).map { $0 & 0o777 } ?? 0o644
  }
}
