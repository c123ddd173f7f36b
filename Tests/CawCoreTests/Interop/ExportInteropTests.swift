@testable import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `caw-tui export --format json|markdown|atif` on the demo tree and on sessions Python caw wrote.
@Suite("Export formats", .serialized)
struct ExportInteropTests {
  private func export(_ arguments: [String]) throws -> ProcessResult {
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["export"] + arguments)
    #expect(run.status == 0, "export \(arguments) failed: \(run.stderr)")
    return run
  }

  @Test("ATIF exports of the demo and of Python-written sessions validate with the atif package's models")
  func atifValidates() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    try DemoTree.write(to: data, now: 1_767_225_600)
    let written = try Interop.json("write_sessions.py", [data])["sessions"]?.arrayValue ?? []
    #expect(written.count == 8)
    let ids = try FileManager.default.contentsOfDirectory(atPath: data + "/sessions").sorted()
    #expect(ids.count == 15)
    var files: [String] = []
    for id in ids {
      let file = tree.path + "/\(id).atif.json"
      _ = try export(["--data-dir", data, id, "--format", "atif", "-o", file])
      files.append(file)
    }
    // A document with a gap in its step ids must be rejected, so the validator is really checking.
    let broken = tree.path + "/broken.atif.json"
    let good = tree.read(URL(fileURLWithPath: files[0]).lastPathComponent)
    tree.write("broken.atif.json", good.replacingOccurrences(of: "\"step_id\": 2", with: "\"step_id\": 5"))
    let report = try Interop.json("validate_atif.py", files + [broken])
    #expect(report["valid"]?.arrayValue?.count == ids.count, "invalid: \(report["invalid"] ?? .null)")
    #expect(report["invalid"]?.objectValue?.keys.elements == [broken])

    // The nested-subagent demo session embeds both levels of subagents.
    let nested = try #require(files.first { $0.contains("/a1b2c3d4") })
    #expect(report["subagents"]?[nested] == .number(.int(2)))
    // Steps: the user step, one per text block, one per run of tool calls (for a one-turn session).
    let trajectory = try SessionFiles.trajectory(data, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
    let turn = try #require(trajectory.turns.first)
    var agentSteps = 0
    var previousWasTool = false
    for block in turn.output {
      switch block {
      case .text: agentSteps += 1; previousWasTool = false
      case .toolUse: if !previousWasTool { agentSteps += 1 }; previousWasTool = true
      case .thinking: previousWasTool = false
      }
    }
    let systemSteps = trajectory.systemPrompt.isEmpty ? 0 : 1
    #expect(report["steps"]?[nested] == .number(.int(systemSteps + 1 + agentSteps)))
  }

  @Test("the JSON export of a Python-written session is its trajectory.json, byte for byte")
  func jsonIsCawBytes() throws {
    let tree = TempTree()
    let data = tree.path + "/data"
    let written = try Interop.json("write_sessions.py", [data])["sessions"]?.arrayValue ?? []
    for session in written {
      let id = try #require(session["session_id"]?.stringValue)
      let exported = try export(["--data-dir", data, id, "--format", "json"])
      let original = try String(contentsOfFile: "\(data)/sessions/\(id)/trajectory.json", encoding: .utf8)
      #expect(exported.stdout == original, "\(session["name"] ?? .null)")
    }
  }

  @Test("the Markdown transcript has every turn, tool call and subagent, and fences that survive backticks")
  func markdown() throws {
    let out = try export(["--demo", "a1b2", "--format", "markdown"]).stdout
    #expect(out.hasPrefix("# Session a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\n"))
    #expect(out.contains("## Turn 0\n"))
    #expect(out.contains("**Tool call `mcp__subagent__code_reviewer`**"))
    #expect(out.contains("### Subagent session b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"))
    #expect(out.contains("> Get the refund PR reviewed and fix whatever the review finds."))
    #expect(MarkdownTranscript.fenced("a ```` b") == "`````\na ```` b\n`````\n\n")
  }

  @Test("an existing file is not replaced without --force")
  func noOverwrite() throws {
    let tree = TempTree()
    tree.write("out.md", "keep me")
    let run = try ProcessRun.run(ProcessRun.cawTUI, ["export", "--demo", "a1b2", "--format", "markdown", "-o", tree.path + "/out.md"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("already exists"))
    #expect(tree.read("out.md") == "keep me")
  }
}
