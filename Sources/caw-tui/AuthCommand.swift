import ArgumentParser
import OrderedCollections
import CawCore
import Foundation

/// `caw-tui auth …`: caw's credential staging for Docker containers, on the same `~/.caw/auth`.
struct AuthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "auth",
    abstract: "Stage agent credentials for Docker containers in ~/.caw/auth ($CAW_AUTH_DIR), as caw auth does.",
    discussion: """
      Host credential files are only read: at run time they are bind-mounted into the container (see \
      docker-flags), and the container's setup-container.sh keeps its copy and the host file in step. \
      No credential is ever printed.
      """,
    subcommands: [AuthStatusCommand.self, AuthSetupCommand.self, AuthTeardownCommand.self, AuthDockerFlagsCommand.self])

  /// The auth directory this process works on.
  static var directory: AuthDirectory { AuthDirectory(environment: ProcessInfo.processInfo.environment) }

  /// One line for the terminal: session-independent, but file contents (emails, paths) are sanitised too.
  static func line(_ text: String) -> String { TextSanitizer.singleLine(text) }
}

/// `auth setup`.
struct AuthSetupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "setup", abstract: "Snapshot credentials and cleaned configs into the auth directory.")

  @Option(name: [.customLong("agents"), .customShort("a")], help: "Agents to include: claude, codex, opencode or all (repeatable; default all).")
  var agents: [String] = []

  @Option(name: .customLong("source-home"), help: "The home directory to read credentials from (default: $HOME).")
  var sourceHome: String?

  func run() throws {
    let directory = AuthCommand.directory
    let home = sourceHome ?? ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    print("Collecting credentials into \(AuthCommand.line(directory.path))/\n")
    let result: AuthDirectory.SetupResult
    do {
      result = try directory.setup(agents: try AuthDirectory.agents(named: agents), sourceHome: home)
    } catch {
      FileHandle.standardError.write(Data("Error: \(AuthCommand.line(error.message))\n".utf8))
      throw ExitCode(1)
    }
    for (agent, missing) in result.skipped {
      print("Warning: \(agent.rawValue) credentials not found: \(AuthCommand.line(missing.joined(separator: ", ")))")
    }
    if !result.skipped.isEmpty { print() }
    print("Agents: \(result.staged.map(\.agent.rawValue).joined(separator: ", "))\n")
    for (agent, summary) in result.staged { print("\(agent.rawValue): \(AuthCommand.line(summary))") }
    print("\nAuth files written to: \(AuthCommand.line(directory.path))")
    print("Contents:")
    for files in result.manifest.agents.values {
      for file in files { print("  \(file.src)  (\(file.type), \(file.strategy))") }
    }
    print("  manifest.json\n  setup-container.sh")
    print(
      "\nHost credential files are untouched; they will be bind-mounted into the container at run time. "
        + "Use `caw-tui auth docker-flags` to get the full -v flag list.")
  }
}

/// `auth teardown`.
struct AuthTeardownCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "teardown", abstract: "Remove the auth directory. Host credential files are untouched.")

  @Flag(name: [.customLong("dry-run"), .customShort("n")], help: "Show what would be done.")
  var dryRun = false

  @Flag(name: [.customLong("force"), .customShort("f")], help: "Delete even if host symlinks point into the auth directory.")
  var force = false

  func run() throws {
    let directory = AuthCommand.directory
    let path = AuthCommand.line(directory.path)
    guard directory.exists || FileManager.default.fileExists(atPath: directory.path) else {
      print("Nothing to remove: \(path) does not exist.")
      return
    }
    if dryRun {
      print("Would remove: \(path)")
      return
    }
    do {
      try directory.teardown(force: force)
    } catch {
      FileHandle.standardError.write(Data("\(TextSanitizer.multiLine(error.message))\n".utf8))
      throw ExitCode(1)
    }
    print("Removed \(path).")
  }
}

/// `auth status`.
struct AuthStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show each managed file, its source, age and token expiry, and the docker flags.")

  @Option(name: [.customLong("agents"), .customShort("a")], help: "Agents to show (repeatable; default all).")
  var agents: [String] = []

  func run() throws {
    let directory = AuthCommand.directory
    guard (try? directory.manifest()) != nil else {
      print("No auth directory found. Run `caw-tui auth setup` first.")
      return
    }
    let now = Date().timeIntervalSince1970
    var table = TextTable(columns: [
      .init("AGENT"), .init("FILE"), .init("TYPE"), .init("STRATEGY"), .init("SOURCE"), .init("LAST MODIFIED"), .init("TOKEN"),
    ])
    var previous = ""
    for entry in try directory.status(agents: agents) {
      let source = entry.exists ? (entry.file.strategy == "bind" ? "host " : "staged ") + entry.backingPath : "missing " + entry.backingPath
      let modified = entry.modified.map { Self.age(now - $0) + " ago" } ?? "missing"
      let token = entry.tokenExpiry.map { expiry in
        expiry < now ? "EXPIRED (\(Self.age(now - expiry)) ago)" : "valid (\(Self.age(expiry - now)) remaining)"
      }
      table.add(
        [entry.agent == previous ? "" : entry.agent, entry.file.hostOriginal, entry.file.type, entry.file.strategy, source,
         modified, token ?? ""].map(AuthCommand.line))
      previous = entry.agent
    }
    print(table.render(), terminator: "")
    print("\nDocker mount flags:")
    let words = try directory.dockerFlags().split(separator: " ")
    for index in stride(from: 0, to: words.count - 1, by: 2) {
      print("  \(words[index]) \(AuthCommand.line(String(words[index + 1])))")
    }
  }

  /// caw's `_format_delta`: `42s`, `5m`, `3h 12m`, `2d 4h`.
  static func age(_ seconds: Double) -> String {
    let total = Int(seconds)
    switch total {
    case ..<60: return "\(total)s"
    case ..<3600: return "\(total / 60)m"
    case ..<86400: return "\(total / 3600)h \(total % 3600 / 60)m"
    default: return "\(total / 86400)d \(total % 86400 / 3600)h"
    }
  }
}

/// `auth docker-flags`.
struct AuthDockerFlagsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docker-flags", abstract: "Print the -v flags for docker (the auth directory and each credential file).")

  func run() throws {
    do {
      let flags = try AuthCommand.directory.dockerFlags()
      print(isatty(STDOUT_FILENO) != 0 ? AuthCommand.line(flags) : flags)
    } catch {
      FileHandle.standardError.write(Data("Error: \(AuthCommand.line(error.message))\n".utf8))
      throw ExitCode(1)
    }
  }
}
