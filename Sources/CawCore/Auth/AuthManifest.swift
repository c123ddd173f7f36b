import OrderedCollections

/// `manifest.json` of caw's auth directory (`~/.caw/auth`, or `$CAW_AUTH_DIR`): which credential and
/// config files were staged for containers and where they go. Read and written as caw 0.1.5–0.1.9 do.
public struct AuthManifest: Sendable, Equatable {
  /// One managed file.
  public struct File: Sendable, Equatable {
    /// Path inside the auth directory, e.g. `claude/credentials.json`.
    public var src: String
    /// Path under the container's home, e.g. `.claude/.credentials.json`.
    public var containerTarget: String
    /// Path under the host's home the file came from.
    public var hostOriginal: String
    /// `credential` or `config`.
    public var type: String
    /// `bind` (the host file is bind-mounted) or `copy` (the staged copy is used).
    public var strategy: String
    /// Octal mode, e.g. `0600`.
    public var mode: String

    /// Creates an entry.
    public init(src: String, containerTarget: String, hostOriginal: String, type: String, strategy: String, mode: String) {
      self.src = src
      self.containerTarget = containerTarget
      self.hostOriginal = hostOriginal
      self.type = type
      self.strategy = strategy
      self.mode = mode
    }
  }

  /// Always 1.
  public var version: Int = 1
  /// When `auth setup` ran (Python `isoformat()` in UTC).
  public var createdAt: String = ""
  /// The home the files were read from, as given.
  public var hostHome: String = ""
  /// The container user's home.
  public var containerHome: String = "/home/playground"
  /// Where the auth directory is mounted in the container.
  public var mountPoint: String = "/tmp/caw_auth"
  /// The files of each agent (`claude`, `codex`, `opencode`), in setup order.
  public var agents: OrderedDictionary<String, [File]> = [:]

  /// Creates a manifest.
  public init(createdAt: String = "", hostHome: String = "", agents: OrderedDictionary<String, [File]> = [:]) {
    self.createdAt = createdAt
    self.hostHome = hostHome
    self.agents = agents
  }

  /// Reads a manifest as caw's `Manifest.from_dict` does: missing keys take their defaults.
  /// - Throws: ``CawError`` when the file is not a JSON object or an entry lacks a field.
  public init(json: JSONValue) throws(CawError) {
    guard let object = json.objectValue else { throw CawError(.unreadable, "manifest.json is not a JSON object") }
    version = object["version"]?.numberValue?.intValue ?? 1
    createdAt = object["created_at"]?.stringValue ?? ""
    hostHome = object["host_home"]?.stringValue ?? ""
    containerHome = object["container_home"]?.stringValue ?? "/home/playground"
    mountPoint = object["mount_point"]?.stringValue ?? "/tmp/caw_auth"
    for (name, agent) in object["agents"]?.objectValue ?? [:] {
      var files: [File] = []
      for entry in agent.objectValue?["files"]?.arrayValue ?? [] {
        func field(_ key: String) throws(CawError) -> String {
          guard let value = entry.objectValue?[key]?.stringValue else {
            throw CawError(.unreadable, "manifest.json: a file of '\(name)' has no string '\(key)'")
          }
          return value
        }
        files.append(
          File(
            src: try field("src"), containerTarget: try field("container_target"),
            hostOriginal: try field("host_original"), type: try field("type"), strategy: try field("strategy"),
            mode: try field("mode")))
      }
      agents[name] = files
    }
  }

  /// caw's `Manifest.to_dict()`, keys in its order.
  public var json: JSONValue {
    var agentsObject = JSONObject()
    for (name, files) in agents {
      agentsObject[name] = .object([
        "files": .array(
          files.map { file in
            .object([
              "src": .string(file.src), "container_target": .string(file.containerTarget),
              "host_original": .string(file.hostOriginal), "type": .string(file.type),
              "strategy": .string(file.strategy), "mode": .string(file.mode),
            ])
          })
      ])
    }
    return .object([
      "version": .number(.int(version)), "created_at": .string(createdAt), "host_home": .string(hostHome),
      "container_home": .string(containerHome), "mount_point": .string(mountPoint), "agents": .object(agentsObject),
    ])
  }

  /// The file's bytes as caw writes them: `json.dumps(indent=2)`, no trailing newline.
  public var fileBytes: [UInt8] { PythonJSONWriter.bytes(json, style: .indented) }
}
