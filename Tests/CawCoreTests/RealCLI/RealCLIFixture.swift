import CawCore
import OrderedCollections
import Foundation
import Testing
import TestSupport

/// One real-CLI test's world: a scripted model server, a private home pointing the real `claude` and
/// `codex` at it, a data directory, and `caw-tui` run as a user runs it.
struct RealCLIFixture {
  let tree = TempTree("caw-realcli")
  let server: ScriptedModelServer
  let home: AgentHome

  /// Starts the server for `script`; fails with what to install when the CLIs are missing.
  init(_ script: ModelScript) throws {
    let clis = try RealAgentCLIs.installed.get()
    server = try ScriptedModelServer(script)
    home = clis.home(for: server, in: tree)
  }

  /// The data directory runs record into.
  var data: String { tree.path + "/data" }

  /// Runs `caw-tui ARGS` in the workspace with the home's environment (plus `extra`; a nil value unsets).
  func cawTUI(_ arguments: [String], extra: [String: String?] = [:]) throws -> ProcessResult {
    var environment = home.environment
    for (name, value) in extra { environment[name] = value }
    return try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: environment, cwd: home.workspace)
  }

  /// The only session in the data directory.
  func onlySession() throws -> String { try SessionFiles.onlySession(data) }

  /// The recorded trajectory of a session.
  func trajectory(_ id: String) throws -> Trajectory { try SessionFiles.trajectory(data, id) }

  /// A file in the agent's workspace ("" if missing).
  func workspaceFile(_ name: String) -> String {
    (try? String(contentsOfFile: home.workspace + "/" + name, encoding: .utf8)) ?? ""
  }
}

extension RealCLIFixture {
  /// Starts `caw-tui ARGS` in the background (output to files in the tree).
  func startCawTUI(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRun.cawTUI)
    process.arguments = arguments
    process.environment = home.environment
    process.currentDirectoryURL = URL(fileURLWithPath: home.workspace)
    _ = FileManager.default.createFile(atPath: tree.path + "/run.out", contents: nil)
    _ = FileManager.default.createFile(atPath: tree.path + "/run.err", contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: tree.path + "/run.out")
    process.standardError = FileHandle(forWritingAtPath: tree.path + "/run.err")
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Waits (up to `seconds`) until the server has received a request that `matches`; returns it.
  func waitForRequest(seconds: Double = 60, _ matches: (ModelRequest) -> Bool) throws -> ModelRequest? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let found = try server.requests().first(where: matches) { return found }
      usleep(50_000)
    }
    return nil
  }

  /// Runs the real Python caw 0.1.9 (`caw_session.py start|resume`) in the workspace with the home's
  /// environment, and returns what it printed.
  func pythonCaw(_ verb: String, _ target: String, _ message: String) throws -> JSONObject {
    let python = try Interop.python.get()
    let result = try ProcessRun.run(
      python, [ProcessRun.packageRoot + "/Tests/ModelServer/caw_session.py", verb, data, target, message],
      environment: home.environment, cwd: home.workspace)
    // caw may log to stdout too; the script's JSON is the last line.
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    guard result.status == 0, let object = try? JSONParser.parse(Array(last.utf8)).objectValue else {
      throw InteropError("caw_session.py \(verb) exited \(result.status): \(result.stdout) \(result.stderr)")
    }
    return object
  }

  /// The last `result`-style usage line of a turn's raw output.
  func rawOutput(_ id: String, turn: Int) -> [JSONObject] {
    let path = "\(data)/sessions/\(id)/turns/\(SessionStore.turnPrefix(turn))_raw_output.jsonl"
    let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
    return bytes.split(separator: 0x0A).compactMap { try? JSONParser.parse(Array($0)).objectValue }
  }
}

extension RealCLIFixture {
  /// Python caw resumes a session caw-tui ran, and caw-tui resumes one Python caw ran; each resumed
  /// request carries the earlier conversation. The script answers "write ... marker" and "what did".
  func checkCrossResume(provider: Provider) throws {
    let ours = try cawTUI(["run", "--data-dir", data, "--provider", provider.rawValue, "Please write the marker file."])
    #expect(ours.status == 0, "stderr: \(ours.stderr)")
    let id = try onlySession()
    let byCaw = try pythonCaw("resume", id, "What did you do?")
    #expect(byCaw["num_turns"] == .number(.int(2)))
    #expect(byCaw["result"] == .string("I wrote marker.txt with hello."))
    let request = try #require(try server.modelCalls().first { $0.prompt.contains("What did you do?") })
    #expect(request.conversationTexts.contains { $0.contains("Please write the marker file.") })
    #expect(try trajectory(id).turns.count == 2)

    let theirs = try pythonCaw("start", provider.rawValue, "Please write the marker file, caw.")
    let cawID = try #require(theirs["session_id"]?.stringValue)
    let resumed = try cawTUI(["resume", "--data-dir", data, cawID, "What did you do then?"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(try trajectory(cawID).turns.map(\.input) == ["Please write the marker file, caw.", "What did you do then?"])
    let second = try #require(try server.modelCalls().first { $0.prompt.contains("What did you do then?") })
    #expect(second.conversationTexts.contains { $0.contains("Please write the marker file, caw.") })
  }

  /// Starts a run whose model call stalls ("stall" in the prompt), sends SIGINT once the stream is held
  /// open, and checks the run exits 130 with nothing of the CLI left running (`helper` must have been
  /// among its processes). Returns the recorded trajectory.
  func checkCancel(provider: Provider, helper: String) throws -> Trajectory {
    let run = try startCawTUI(["run", "--data-dir", data, "--provider", provider.rawValue, "Please stall for a while."])
    try #require(try waitForRequest { $0.api == "stall" } != nil, "the model call never started streaming")
    // The CLI prints what it streamed so far; wait until caw-tui has it in the snapshot of the open turn.
    var partial = false
    for _ in 0..<600 where !partial {
      partial = (try? onlySession()).flatMap { try? trajectory($0) }?.turns.first?.output.isEmpty == false
      if !partial { usleep(50_000) }
    }
    #expect(partial, "no partial turn was recorded before the cancel")
    let children = ProcessState.descendants(of: run.processIdentifier)
    #expect(children.contains { ProcessState.commandLine($0).contains(helper) }, "\(children.map(ProcessState.commandLine))")
    kill(run.processIdentifier, SIGINT)
    run.waitUntilExit()
    #expect(run.terminationStatus == 130, "\(tree.read("run.err"))")
    let left = children.filter(ProcessState.isRunning)
    #expect(left.isEmpty, "still running after the cancel returned: \(left.map(ProcessState.commandLine))")
    let t = try trajectory(try onlySession())
    #expect(t.metadata["cancelled_turns"] == .array([.number(.int(0))]))
    #expect(!t.completedAt.isEmpty)
    return t
  }
}
