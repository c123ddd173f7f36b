import ArgumentParser
import CawCore

/// `caw-tui pricing`: the price table in use, in `pricing.json` shape, ready to copy and edit.
struct PricingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pricing",
    abstract: "Print the price table (USD per million tokens) used when a CLI reports no cost.",
    discussion: """
      Save the output as $CAW_TUI_PRICING, $XDG_CONFIG_HOME/caw-tui/pricing.json or \
      ~/.config/caw-tui/pricing.json and edit it; entries there replace the built-in ones model by model.
      """)

  func run() throws {
    print(PythonJSONWriter.string(try PricingTable.load().jsonValue, style: .indented))
  }
}
