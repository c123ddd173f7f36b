/// One row of the keymap: keys, the command they run, where, and how help and the footer describe it.
public struct Binding: Hashable, Sendable {
  /// The keys, the first one shown in hints.
  public var keys: [Key]
  /// The command.
  public var command: Command
  /// What it does, for help.
  public var help: String
  /// A short label for the footer, or nil to leave it out of the footer.
  public var footer: String?
  /// Where it applies; empty means everywhere.
  public var contexts: Set<KeyContext>

  /// Creates a binding.
  public init(
    _ keys: [Key], _ command: Command, _ help: String, footer: String? = nil, in contexts: Set<KeyContext> = []
  ) {
    self.keys = keys
    self.command = command
    self.help = help
    self.footer = footer
    self.contexts = contexts
  }

  /// Whether it applies in `context`.
  public func applies(in context: KeyContext) -> Bool { contexts.isEmpty || contexts.contains(context) }

  /// The keys as help shows them: `j ↓`.
  public var keyLabel: String { keys.map(\.description).joined(separator: " ") }
}
