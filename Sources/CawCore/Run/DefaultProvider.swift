import Foundation

extension Provider {
  /// The provider caw 0.1.9 runs when none is named (what its subagents always get): the first
  /// installed one of `$CAW_PROVIDER`'s comma-separated order (the first listed when none is
  /// installed), else `claude_code`.
  /// - Throws: ``CawError`` with caw's message for a name it does not know.
  public static func defaultProvider(environment: [String: String]) throws(CawError) -> Provider {
    let names = (environment["CAW_PROVIDER"] ?? "").split(separator: ",")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !names.isEmpty else { return .claudeCode }
    var order: [Provider] = []
    for name in names {
      guard let provider = Provider(name: name) else {
        let available = registeredNames.map { "'\($0)'" }.joined(separator: ", ")
        throw CawError(.invalidArgument, "Unknown provider '\(name)'. Available: [\(available)]")
      }
      order.append(provider)
    }
    let locator = ExecutableLocator(environment: environment)
    return order.first { locator.locate($0) != nil } ?? order[0]
  }
}
