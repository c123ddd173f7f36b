import CawCore
import Foundation
import Testing

/// Runs the Python side of the interop harness (Tests/Interop) with the real caw 0.1.9.
public enum Interop {
  /// The venv's python, built once per run under `.build/interop-venv` (cached between runs).
  public static let python: Result<String, InteropError> = {
    let script = ProcessRun.packageRoot + "/Tests/Interop/ensure_venv.sh"
    let venv = ProcessRun.packageRoot + "/.build/interop-venv"
    guard let result = try? ProcessRun.run("/bin/bash", [script, venv]) else {
      return .failure(InteropError("could not run \(script): install bash and python3"))
    }
    guard result.status == 0 else {
      return .failure(
        InteropError(
          "the interop tests need Python 3 with venv and PyPI access (coding-agent-wrapper==0.1.9, mcp<2): \(result.stderr)"))
    }
    return .success(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
  }()

  /// Runs one harness script and returns its stdout; a non-zero exit fails with its stderr.
  public static func script(_ name: String, _ arguments: [String]) throws -> String {
    let python = try Interop.python.get()
    let result = try ProcessRun.run(python, [ProcessRun.packageRoot + "/Tests/Interop/" + name] + arguments)
    guard result.status == 0 else {
      throw InteropError("\(name) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
    }
    return result.stdout
  }

  /// Runs a script that prints one JSON object, and parses it.
  public static func json(_ name: String, _ arguments: [String]) throws -> JSONObject {
    let out = try script(name, arguments)
    guard let object = try JSONParser.parse(Array(out.utf8)).objectValue else {
      throw InteropError("\(name) did not print a JSON object: \(out.prefix(200))")
    }
    return object
  }
}

/// A failure of the interop harness, with what to install or fix.
public struct InteropError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
