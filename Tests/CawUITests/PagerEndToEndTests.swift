import Foundation
import Testing
import TestSupport

/// `o` hands the terminal to a pager — `$PAGER`, else the real `less` — in the foreground, and takes it
/// back intact.
@Suite("The pager, end to end in tmux", .serialized)
struct PagerEndToEndTests {
  @Test func oHandsTheOpenTextToThePagerAndComesBack() throws {
    let tree = TempTree("caw-e2e-pager")
    // A pager that notes its process group and the terminal's foreground group, then keeps the text.
    tree.write(
      "pager.sh",
      """
      read -r _ _ _ _ group _ _ foreground _ < /proc/$$/stat
      echo "$group $foreground" > '\(tree.path)/groups.txt'
      cat > '\(tree.path)/paged.txt'
      """)
    let tmux = try Tmux(E2ECommand.cawTUI("--demo", environment: "PAGER='sh \(tree.path)/pager.sh'"), width: 80, height: 24)
    try tmux.waitFor("FIRST PROMPT")
    try tmux.send("j", "Enter", "Enter")
    try tmux.waitFor("▌ User")
    try tmux.send("o")
    var paged = ""
    try waitUntil("the pager to get the whole transcript", observe: { paged }) {
      paged = tree.read("paged.txt")
      return paged.contains("Fixed: `parse`")
    }
    #expect(paged.hasPrefix("▌ User  turn 0\n  The date parser in utils/dates.py crashes"))
    #expect(paged.contains("▸ Edit"))
    let groups = tree.read("groups.txt").split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    #expect(groups.count == 2 && groups[0] == groups[1], "the pager ran outside the terminal's foreground group: \(groups)")
    try tmux.send("j")
    let screen = try tmux.waitFor("Turn 0")
    #expect(screen.contains("Sessions › 5f0c2a9e › turn 0"))
    // q backs out of the transcript, then quits from the browser.
    try tmux.send("q")
    try tmux.waitFor("Timeline  5f0c2a9e")
    try tmux.send("q")
    let after = try tmux.waitFor("exit=0 modes:")
    #expect(after.contains("exit=0 modes: icanon echo"), "\(after)")
  }

  @Test func oOpensTheRealLessAndComesBackIntact() throws {
    let less = try #require(
      ["/usr/bin/less", "/bin/less"].first { FileManager.default.isExecutableFile(atPath: $0) },
      "the pager test needs less: install it (apt-get install less)")
    // PAGER is unset (the driver removes it), so caw-tui runs its default, less.
    let tmux = try Tmux(E2ECommand.cawTUI("--demo", environment: "LESS= LESSOPEN= PATH='\(URL(fileURLWithPath: less).deletingLastPathComponent().path)':\"$PATH\""), width: 80, height: 24)
    try tmux.waitFor("FIRST PROMPT")
    try tmux.send("j", "Enter", "Enter")
    try tmux.waitFor("Sessions › 5f0c2a9e › turn 0")
    try tmux.send("o")
    var screen = try tmux.waitForAbsence(of: "Sessions › 5f0c2a9e")
    try tmux.waitFor("▌ User  turn 0")
    // Keys reach less: it moves through the text; Ctrl-C goes to less alone, not to caw-tui.
    try tmux.send("G")
    screen = try tmux.waitFor("(END)")
    try tmux.send("C-c")
    try tmux.send("g")
    screen = try tmux.waitFor("▌ User  turn 0")
    try tmux.send("q")
    screen = try tmux.waitFor("Sessions › 5f0c2a9e › turn 0")
    #expect(!screen.contains("(END)"))
    #expect(try tmux.display("#{alternate_on}") == "1")
    // The TUI has its keys back, and the terminal its modes after quitting.
    try tmux.send("Escape")
    try tmux.waitFor("Timeline  5f0c2a9e")
    try tmux.send("q")
    let after = try tmux.waitFor("exit=0 modes:")
    #expect(after.contains("exit=0 modes: icanon echo"), "\(after)")
  }

  @Test func aPagerThatIsMissingIsReportedInTheFooter() throws {
    let tmux = try Tmux(E2ECommand.cawTUI("--demo", environment: "PAGER=caw-no-such-pager"), width: 100, height: 40)
    // The selected session is read in the background; its timeline's title shows when it has been.
    try tmux.waitFor(" turns · $")
    try tmux.send("o")
    let screen = try tmux.waitFor("was not found")
    #expect(screen.contains("The pager caw-no-such-pager was not found"))
    try tmux.send("q")
    try tmux.waitFor("exit=0 modes: icanon echo")
  }
}
