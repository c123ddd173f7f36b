import CawCore

/// Resume handles: whatever a handle holds, an accepted one has a key in its provider's form and a
/// plain session id, and the key never stands where a CLI reads options.
enum HandleFuzz {
  static let target = FuzzTarget(
    name: "handles", summary: "ResumePlan: accepted keys have the provider's form and sit after -- or in --opt=KEY"
  ) { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let plan = try? ResumePlan.resolve(text, in: nil) else { return }
    require(ResumeKey.isValid(plan.resumeKey, for: plan.provider), "accepted key \(plan.resumeKey) for \(plan.provider)")
    require((try? SessionID.validate(plan.sessionID)) != nil, "accepted session id \(plan.sessionID)")
    let request = TurnRequest(message: "m", sessionID: plan.sessionID, resumeKey: plan.resumeKey, continuesConversation: true)
    let arguments = AgentSession.invocation(AgentSettings(provider: plan.provider), request, executable: "cli").arguments
    let operands = arguments.firstIndex(of: "--") ?? arguments.count
    for (index, argument) in arguments.enumerated() where argument == plan.resumeKey {
      require(index > operands, "the key \(plan.resumeKey) stands among \(plan.provider)'s options")
    }
  }
}
