// caw-tools-example: give an agent CLI tools written in Swift, with CawCore and CawTools.
//
//   swift run caw-tools-example [claude_code|codex|opencode] ["prompt"]
//
// Serves two tools, `add` and `remember`, as the MCP server `calc`; runs one turn of the chosen agent
// (default claude_code) in the current directory, recorded under ./caw_data as caw records it; prints
// the agent's answer and every tool call it made.

import CawCore
import CawTools
import Foundation
import OrderedCollections

/// Notes the `remember` tool keeps while the program runs (tool handlers run concurrently).
actor Notes {
  private var items: [String] = []
  func add(_ note: String) -> Int {
    items.append(note)
    return items.count
  }
}

let notes = Notes()
let calc = ToolServer(
  name: "calc", displayName: "Swift calculator",
  tools: [
    AgentTool(
      name: "add", description: "Add two integers and return the sum.",
      inputSchema: AgentTool.objectSchema(["a": .integer, "b": .integer])
    ) { arguments in
      guard let a = arguments["a"]?.numberValue?.intValue, let b = arguments["b"]?.numberValue?.intValue else {
        return .error("add needs two integers, a and b")
      }
      return .text(String(a + b))
    },
    AgentTool(
      name: "remember", description: "Keep a short note for later in this run.",
      inputSchema: AgentTool.objectSchema(["note": .string])
    ) { arguments in
      let count = await notes.add(arguments["note"]?.stringValue ?? "")
      return .text("Noted (\(count) note\(count == 1 ? "" : "s") so far).")
    },
  ])

let arguments = Array(CommandLine.arguments.dropFirst())
let provider = arguments.first.flatMap(Provider.init(name:)) ?? .claudeCode
let prompt = arguments.dropFirst().first ?? "Use the calc server's add tool to add 2 and 3, then say the sum."

do {
  let host = try await ToolHost.start(toolServers: [calc])
  var settings = AgentSettings(provider: provider, workingDirectory: FileManager.default.currentDirectoryPath)
  host.add(to: &settings)
  let session = try AgentSession.start(settings, dataDirectory: DataDirectory("caw_data"))
  await host.bind(to: session)
  let turn = try await session.send(prompt)
  try await session.end()
  await host.stop()
  for call in turn.toolCalls {
    print("tool call: \(TextSanitizer.singleLine(call.name)) \(PythonJSONWriter.string(call.arguments, style: .singleLine)) -> \(TextSanitizer.singleLine(call.output))")
  }
  print("answer: \(TextSanitizer.multiLine(turn.result))")
  print("recorded: \(session.directory)")
} catch {
  FileHandle.standardError.write(Data("caw-tools-example: \(error)\n".utf8))
  exit(1)
}
