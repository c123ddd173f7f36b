import OrderedCollections

@testable import CawCore

/// Feeds hand-written stream lines to the parsers the way a live run does.
enum StreamFeed {
  /// Each non-blank line parsed as one JSON object (lines that are not objects are dropped, as the
  /// session does before it calls the parser).
  static func events(_ text: String) -> [JSONObject] {
    text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { StreamLine.event(Array($0.utf8)) }
  }

  /// The finished draft of `provider`'s parser over `text`.
  static func draft(
    _ provider: Provider, model: String = "", _ text: String, pricing: PricingTable = .builtIn
  ) -> TurnDraft {
    var parser = StreamParsers.make(for: provider, model: model)
    for event in events(text) { parser.consume(event) }
    return parser.finished(pricing: pricing)
  }

  /// The draft before `finished` is applied (what the live trajectory shows mid-turn).
  static func liveDraft(_ provider: Provider, model: String = "", _ text: String) -> TurnDraft {
    var parser = StreamParsers.make(for: provider, model: model)
    for event in events(text) { parser.consume(event) }
    return parser.draft
  }
}

extension TurnDraft {
  /// The tool calls among the blocks.
  var toolCalls: [ToolUse] { blocks.compactMap(\.toolUse) }
}
