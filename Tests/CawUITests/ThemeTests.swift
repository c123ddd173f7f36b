import CawUI
import Testing

@Suite("Themes are semantic roles")
struct ThemeTests {
  @Test func noColorSelectsMonochrome() {
    #expect(Theme.select(requested: nil, environment: ["NO_COLOR": "1"]) == .monochrome)
    #expect(Theme.select(requested: nil, environment: ["NO_COLOR": ""]) == .standard)
    #expect(Theme.select(requested: nil, environment: [:]) == .standard)
    #expect(Theme.select(requested: "default", environment: ["NO_COLOR": "1"]) == .standard)
    #expect(Theme.select(requested: "purple", environment: [:]) == nil)
  }

  @Test func monochromeUsesNoColourAndStillMarksTheSelection() {
    #expect(!Theme.monochrome.usesColor)
    #expect(Theme.monochrome.style(.selectionFocused).reverse)
    #expect(Theme.monochrome.style(.error) != Theme.monochrome.style(.normal))
  }

  @Test func theDefaultThemeNeedsOnlyEightColours() {
    #expect(Theme.standard.usesColor)
    for role in StyleRole.allCases {
      let style = Theme.standard.style(role)
      #expect(style.foreground.rawValue < 8 && style.background.rawValue < 8)
    }
  }
}
