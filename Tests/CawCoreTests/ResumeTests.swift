import OrderedCollections
import CawCore
import Foundation
import Testing
import TestSupport

@Suite("Resume handles and plans")
struct ResumeTests {
  @Test("encoding matches Python's json.dumps, key order and separators")
  func encode() {
    let handle = ResumeHandle(provider: "codex", sessionID: "6451", resumeKey: "0199a213")
    #expect(handle.encoded == #"{"version": 1, "provider": "codex", "session_id": "6451", "resume_key": "0199a213"}"#)
  }

  @Test("each provider's key comes from where caw stores it")
  func keys() throws {
    var t = Trajectory(agent: "codex", sessionID: "s")
    #expect(throws: CawError.self) { try ResumeHandle.forTrajectory(t) }
    t.metadata["thread_id"] = "th"
    #expect(try ResumeHandle.forTrajectory(t).resumeKey == "th")
    t.agent = "opencode"
    t.metadata["opencode_session_id"] = "ses_1"
    #expect(try ResumeHandle.forTrajectory(t).resumeKey == "ses_1")
    t.agent = "claude_code"
    #expect(try ResumeHandle.forTrajectory(t).resumeKey == "s")
    t.agent = ""
    #expect(try ResumeHandle.forTrajectory(t).encoded == #"{"version": 1, "provider": "", "session_id": "s", "resume_key": "s"}"#)
  }

  @Test("caw's error texts")
  func errorTexts() {
    let noKey = Trajectory(agent: "codex", sessionID: "s")
    #expect(throws: CawError(.resume, "No resume key available yet — send at least one message before requesting a resume handle.")) {
      try ResumeHandle.forTrajectory(noKey)
    }
    #expect(throws: CawError(.resume, "Unknown provider 'gemini'. Available: ['claude_code', 'claude', 'cc', 'codex', 'opencode']")) {
      try ResumeHandle.forTrajectory(Trajectory(agent: "gemini", sessionID: "s"))
    }
  }

  @Test("parsing: a JSON object with a truthy resume_key is a handle; anything else is a bare session id")
  func parse() throws {
    let handle = #"{"version": 1, "provider": "cc", "session_id": "abc", "resume_key": "k"}"#
    #expect(try ResumeTarget.parse(handle) == .handle(ResumeHandle(provider: "cc", sessionID: "abc", resumeKey: "k")))
    // An empty key makes it a bare id, and that text is no plain session name.
    #expect(throws: CawError.self) { try ResumeTarget.parse(#"{"provider": "codex", "session_id": "abc", "resume_key": ""}"#) }
    #expect(try ResumeTarget.parse("5f0c2a9e") == .sessionID("5f0c2a9e"))
    #expect(throws: CawError(.resume, "invalid resume handle: it has no 'provider'")) {
      try ResumeTarget.parse(#"{"session_id": "abc", "resume_key": "k"}"#)
    }
    #expect(throws: CawError.self) {
      try ResumeTarget.parse(#"{"provider": "codex", "session_id": "../../etc", "resume_key": "k"}"#)
    }
  }

  @Test("plans: a bare id needs a stored session with a key; a handle may be for another data dir; pins are checked")
  func plans() throws {
    let tree = TempTree("caw-resume")
    let data = DataDirectory(tree.path + "/caw_data")
    try DemoTree.write(to: data.path, now: 1_795_000_000)
    let plan = try ResumePlan.resolve("8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0", in: data)
    #expect(plan.provider == .codex && plan.resumeKey == "0199a213-81c0-7800-8aa1-bbab2a035a53")
    #expect(plan.storedTrajectory?.turns.count == 1)
    #expect(throws: CawError(.resume, "Cannot resume 'nope': it is not a self-contained handle and no persisted session was found under \(data.path).")) {
      try ResumePlan.resolve("nope", in: data)
    }
    let foreign = ResumeHandle(provider: "opencode", sessionID: "elsewhere", resumeKey: "ses_9").encoded
    let foreignPlan = try ResumePlan.resolve(foreign, in: data)
    #expect(foreignPlan.provider == .opencode && foreignPlan.storedTrajectory == nil)
    #expect(throws: CawError(.resume, "Handle is for provider 'opencode' but this Agent is pinned to 'codex'.")) {
      try ResumePlan.resolve(foreign, in: data, pinnedProvider: .codex)
    }
  }
}
