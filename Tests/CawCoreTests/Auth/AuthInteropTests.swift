import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui auth` against caw 0.1.9's `caw auth` on the same fake home: the same staged files and
/// manifest, the same docker flags, each reading the other's directory, host files untouched, no
/// secret printed.
@Suite("auth against Python caw", .serialized)
struct AuthInteropTests {
  /// A home with every agent's credentials and configs; every secret contains SECRET.
  static func fakeHome(_ tree: TempTree) -> String {
    tree.write(
      "home/.claude.json",
      #"{"numStartups": 12, "projects": {"/home/u/private": {"allowedTools": ["Bash"]}}, "oauthAccount": {"emailAddress": "dev@example.com", "organizationName": "Ex \u00e9 Org"}, "userID": "abc", "hasCompletedOnboarding": true, "autoUpdates": false, "tipsHistory": {"x": 1}}"#)
    tree.write(
      "home/.claude/.credentials.json",
      #"{"claudeAiOauth": {"accessToken": "sk-ant-oat01-SECRET", "refreshToken": "sk-ant-ort01-SECRET", "expiresAt": 4102444800000, "scopes": ["user:inference"]}}"#)
    tree.write("home/.codex/auth.json", "{\n  \"OPENAI_API_KEY\": null,\n  \"tokens\": {\"id_token\": \"SECRET\"}\n}\n")
    tree.write(
      "home/.codex/config.toml",
      "model = \"gpt-5.3-codex\"\r\n\n[project_trust.\"/home/u/proj\"]\ntrust_mode = \"full\"\n\n[mcp_servers.docs]\ncommand = \"x\"\n")
    tree.write("home/.local/share/opencode/auth.json", #"{"openai": {"type": "oauth", "refresh": "SECRET"}}"#)
    tree.write("home/.config/opencode/opencode.json", #"{"$schema": "https://opencode.ai/config.json"}"#)
    for file in ["home/.claude/.credentials.json", "home/.codex/auth.json", "home/.local/share/opencode/auth.json"] {
      chmod(tree.path + "/" + file, 0o600)
    }
    return tree.path + "/home"
  }

  static func caw() throws -> String {
    URL(fileURLWithPath: try Interop.python.get()).deletingLastPathComponent().path + "/caw"
  }

  static func environment(home: String, authDir: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = home
    environment["CAW_AUTH_DIR"] = authDir
    environment["COLUMNS"] = "200"
    for name in ["ANTHROPIC_API_KEY", "OPENAI_API_KEY"] { environment.removeValue(forKey: name) }
    return environment
  }

  /// Each host file's bytes, mode and modification time.
  static func snapshot(_ home: String) throws -> [String: String] {
    var result: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: home)
    while let relative = enumerator?.nextObject() as? String {
      var info = stat()
      guard lstat(home + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
      let bytes = try Data(contentsOf: URL(fileURLWithPath: home + "/" + relative))
      result[relative] = "\(bytes.base64EncodedString()) \(info.st_mode) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
    return result
  }

  @Test("setup then docker-flags: the same files, manifest and flags as caw 0.1.9 on the same home")
  func setupAndDockerFlags() throws {
    let tree = TempTree("caw-auth")
    let home = Self.fakeHome(tree)
    let before = try Self.snapshot(home)
    let py = tree.path + "/py", sw = tree.path + "/sw"

    let pySetup = try ProcessRun.run(try Self.caw(), ["auth", "setup"], environment: Self.environment(home: home, authDir: py))
    #expect(pySetup.status == 0, "caw auth setup: \(pySetup.stderr)")
    let swSetup = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "setup"], environment: Self.environment(home: home, authDir: sw))
    #expect(swSetup.status == 0, "caw-tui auth setup: \(swSetup.stderr)")
    #expect(swSetup.stdout.contains("claude: Account: dev@example.com, Org: Ex é Org, Token expires: 2100-01-01T00:00:00+00:00"))

    for file in ["claude/credentials.json", "codex/auth.json", "codex/config.toml", "opencode/auth.json", "opencode/opencode.json"] {
      #expect(tree.read("sw/" + file) == tree.read("py/" + file), "\(file) differs from caw's")
      #expect(!tree.read("sw/" + file).isEmpty, "\(file) is empty")
    }
    // caw takes .claude.json's kept keys in Python set order, which changes from run to run; the object is the same.
    let pyConfig = try JSONParser.parse(Array(tree.read("py/claude/config.json").utf8))
    let swConfig = try JSONParser.parse(Array(tree.read("sw/claude/config.json").utf8))
    #expect(Self.sortedKeys(swConfig) == Self.sortedKeys(pyConfig))
    #expect(swConfig["projects"]?.objectValue?.keys.elementsEqual(["/home/playground"]) == true)
    #expect(swConfig["tipsHistory"] == nil && swConfig["oauthAccount"] != nil)
    // The manifest matches but for its time.
    let pyManifest = try JSONParser.parse(Array(tree.read("py/manifest.json").utf8)).with("created_at") { _ in nil }
    let swManifest = try JSONParser.parse(Array(tree.read("sw/manifest.json").utf8)).with("created_at") { _ in nil }
    #expect(swManifest == pyManifest)
    #expect(!tree.read("sw/manifest.json").hasSuffix("\n"))
    for file in ["", "/claude", "/manifest.json", "/setup-container.sh", "/claude/credentials.json", "/claude/config.json",
                 "/codex/auth.json", "/codex/config.toml", "/opencode/auth.json", "/opencode/opencode.json"] {
      #expect(Self.mode(sw + file) == Self.mode(py + file), "mode of \(file)")
    }

    // docker-flags: ours on our directory is caw's on its own, the directory aside; each reads the other's.
    let pyFlags = try ProcessRun.run(try Self.caw(), ["auth", "docker-flags"], environment: Self.environment(home: home, authDir: py))
    let swFlags = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "docker-flags"], environment: Self.environment(home: home, authDir: sw))
    #expect(swFlags.status == 0 && pyFlags.status == 0)
    #expect(swFlags.stdout.replacingOccurrences(of: sw, with: py) == pyFlags.stdout)
    #expect(swFlags.stdout.contains("-v \(home)/.claude/.credentials.json:/tmp/caw_auth/claude/credentials.json:rw"))
    let crossPy = try ProcessRun.run(try Self.caw(), ["auth", "docker-flags"], environment: Self.environment(home: home, authDir: sw))
    #expect(crossPy.stdout == swFlags.stdout, "caw reads our manifest")
    let crossSw = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "docker-flags"], environment: Self.environment(home: home, authDir: py))
    #expect(crossSw.stdout == pyFlags.stdout, "we read caw's manifest")
    let status = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "status", "-a", "claude"], environment: Self.environment(home: home, authDir: py))
    #expect(status.status == 0)
    #expect(status.stdout.contains("valid (") && !status.stdout.contains("codex  "))
    let doctor = try ProcessRun.run(ProcessRun.cawTUI, ["doctor"], environment: Self.environment(home: home, authDir: sw))
    #expect(doctor.stdout.contains("claude_code  present  Account: dev@example.com"))
    #expect(doctor.stdout.contains("codex        present  OAuth tokens present"))
    #expect(doctor.stdout.contains("opencode     present  Providers: openai(oauth)"))

    for output in [swSetup, swFlags, crossSw, status, doctor] {
      #expect(!(output.stdout + output.stderr).contains("SECRET"), "a secret was printed")
    }
    #expect(try Self.snapshot(home) == before, "a host file changed")
  }

  @Test("the container script sets a container home up as caw's does")
  func containerScript() throws {
    let tree = TempTree("caw-auth-container")
    let home = Self.fakeHome(tree)
    for (name, run) in [("py", try Self.caw()), ("sw", ProcessRun.cawTUI)] {
      let setup = try ProcessRun.run(run, ["auth", "setup"], environment: Self.environment(home: home, authDir: tree.path + "/" + name))
      #expect(setup.status == 0)
      // The mount point as docker would make it: the directory, and each credential bound over its copy.
      let mount = tree.path + "/mount-" + name
      try FileManager.default.copyItem(atPath: tree.path + "/" + name, toPath: mount)
      let manifest = try #require(try AuthDirectory(path: mount).manifest())
      for files in manifest.agents.values {
        for file in files where file.strategy == "bind" {
          try? FileManager.default.removeItem(atPath: mount + "/" + file.src)
          try FileManager.default.copyItem(atPath: home + "/" + file.hostOriginal, toPath: mount + "/" + file.src)
        }
      }
      var environment = ProcessInfo.processInfo.environment
      environment["CLAUDE_CODE_USE_BEDROCK"] = "1"  // no credential guard: it would install inotify-tools
      let result = try ProcessRun.run(
        "/bin/sh", [mount + "/setup-container.sh", mount, tree.path + "/container-" + name, NSUserName()], environment: environment)
      #expect(result.status == 0, "\(name) setup-container.sh: \(result.stdout) \(result.stderr)")
      #expect(!result.stdout.contains("SECRET"))
    }
    let checked = [".claude/.credentials.json", ".claude.json", ".codex/auth.json", ".codex/config.toml",
                   ".local/share/opencode/auth.json", ".config/opencode/opencode.json"]
    for file in checked {
      if file == ".claude.json" {  // the same object; caw's key order is Python set order
        let ours = try JSONParser.parse(Array(tree.read("container-sw/" + file).utf8))
        let caws = try JSONParser.parse(Array(tree.read("container-py/" + file).utf8))
        #expect(Self.sortedKeys(ours) == Self.sortedKeys(caws))
      } else {
        #expect(tree.read("container-sw/" + file) == tree.read("container-py/" + file), "\(file)")
      }
      #expect(!tree.read("container-sw/" + file).isEmpty, "\(file)")
      #expect(Self.mode(tree.path + "/container-sw/" + file) == Self.mode(tree.path + "/container-py/" + file), "\(file)")
    }
  }

  @Test("teardown: dry run, removal, and refusals where caw would delete too much")
  func teardown() throws {
    let tree = TempTree("caw-auth-teardown")
    let home = Self.fakeHome(tree)
    let dir = tree.path + "/auth"
    let environment = Self.environment(home: home, authDir: dir)
    #expect(try ProcessRun.run(ProcessRun.cawTUI, ["auth", "teardown"], environment: environment).stdout
      == "Nothing to remove: \(dir) does not exist.\n")
    #expect(try ProcessRun.run(ProcessRun.cawTUI, ["auth", "setup", "-a", "codex"], environment: environment).status == 0)
    #expect(try AuthDirectory(path: dir).manifest()?.agents.keys.elementsEqual(["codex"]) == true)
    #expect(try ProcessRun.run(ProcessRun.cawTUI, ["auth", "teardown", "-n"], environment: environment).stdout == "Would remove: \(dir)\n")
    #expect(FileManager.default.fileExists(atPath: dir + "/manifest.json"))

    // caw's old design left host credentials as symlinks into the directory: refused without --force.
    let host = home + "/.codex/auth.json"
    try FileManager.default.removeItem(atPath: host)
    try FileManager.default.createSymbolicLink(atPath: host, withDestinationPath: dir + "/codex/auth.json")
    let refused = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "teardown"], environment: environment)
    #expect(refused.status == 1 && refused.stderr.contains("Refusing to remove \(dir)"))
    #expect(FileManager.default.fileExists(atPath: dir))
    let forced = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "teardown", "--force"], environment: environment)
    #expect(forced.status == 0 && forced.stdout == "Removed \(dir).\n")
    #expect(!FileManager.default.fileExists(atPath: dir))

    // A directory that is not an auth directory is never deleted, by setup or teardown.
    tree.write("precious/notes.txt", "keep me")
    let precious = Self.environment(home: home, authDir: tree.path + "/precious")
    let setup = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "setup", "-a", "claude"], environment: precious)
    #expect(setup.status == 1 && setup.stderr.contains("not a caw auth directory"))
    let down = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "teardown"], environment: precious)
    #expect(down.status == 1)
    #expect(tree.read("precious/notes.txt") == "keep me")

    // Nothing to stage.
    let empty = TempTree("caw-auth-empty")
    let none = try ProcessRun.run(ProcessRun.cawTUI, ["auth", "setup"], environment: Self.environment(home: empty.path, authDir: empty.path + "/a"))
    #expect(none.status == 1 && none.stderr.contains("No valid agent credentials found."))
    #expect(!FileManager.default.fileExists(atPath: empty.path + "/a"))
  }

  static func mode(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
  }

  static func sortedKeys(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let object):
      return .object(JSONObject(uniqueKeysWithValues: object.sorted { $0.key < $1.key }.map { ($0.key, sortedKeys($0.value)) }))
    case .array(let items): return .array(items.map(sortedKeys))
    default: return value
    }
  }
}
