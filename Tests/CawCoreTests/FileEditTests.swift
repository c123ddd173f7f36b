import CawCore
import Testing

/// Each agent's file-editing tool calls are read as a ``FileEdit`` and shown as the same unified diff.
@Suite struct FileEditTests {
  @Test("Claude's Edit and opencode's edit (camelCase arguments) are the same replacement")
  func editShapes() throws {
    let claude = ToolUse(
      id: "1", name: "Edit", arguments: ["file_path": "src/a.py", "old_string": "x = 1\ny", "new_string": "x = 2\ny"])
    let opencode = ToolUse(
      id: "2", name: "edit", arguments: ["filePath": "src/a.py", "oldString": "x = 1\ny", "newString": "x = 2\ny"])
    let edit = try #require(FileEdit(claude))
    #expect(FileEdit(opencode) == edit)
    #expect(
      edit == .replace(path: "src/a.py", [FileEdit.Replacement(old: "x = 1\ny", new: "x = 2\ny")], numbered: false))
    #expect(edit.diffLines.map(\.text) == ["--- a/src/a.py", "+++ b/src/a.py", "@@ edit @@", "-x = 1", "+x = 2", " y"])
    #expect(edit.diffLines.map(\.kind) == [.header, .header, .header, .removed, .added, .context])
  }

  @Test("a write, codex's patch and file_change, and calls that are not edits")
  func otherShapes() throws {
    let write = try #require(
      FileEdit(ToolUse(id: "3", name: "write", arguments: ["path": "/abs/n.txt", "content": "one"])))
    #expect(write.diffLines.map(\.text) == ["--- /dev/null", "+++ /abs/n.txt", "@@ new file @@", "+one"])
    let patch = try #require(
      FileEdit(ToolUse(id: "4", name: "apply_patch", arguments: .string("*** Begin Patch\n-a\n+b"))))
    #expect(patch.diffLines.map(\.kind) == [.header, .removed, .added])
    let change = try #require(
      FileEdit(
        ToolUse(
          id: "5", name: "file_change",
          arguments: ["changes": [["path": "m.sql", "type": "add", "diff": "+x"], ["path": "old.sql"]]])))
    #expect(change.diffLines.map(\.text) == ["add m.sql", "+x", "change old.sql"])
    #expect(FileEdit(ToolUse(id: "6", name: "Edit", arguments: ["file_path": "a"])) == nil)
    #expect(FileEdit(ToolUse(id: "7", name: "Bash", arguments: ["command": "ls"])) == nil)
  }

  @Test("the Markdown export shows an edit's diff after its arguments")
  func markdownShowsTheDiff() {
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "s")
    t.turns = [
      Turn(
        input: "fix",
        output: [
          .toolUse(
            ToolUse(id: "1", name: "Edit", arguments: ["file_path": "a.py", "old_string": "1", "new_string": "2"]))
        ])
    ]
    let markdown = MarkdownTranscript.render(t)
    #expect(markdown.contains("Changes:\n\n```diff\n--- a/a.py\n+++ b/a.py\n@@ edit @@\n-1\n+2\n```"))
  }
}
