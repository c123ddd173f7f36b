/// `--demo` and `--data-dir` belong to each subcommand, yet people put them first (`caw-tui --demo list`),
/// as git and docker take global options; ArgumentParser would hand such a line to the default
/// subcommand and fail on `list`. They are moved after the subcommand's name before parsing.
enum GlobalOptions {
  /// `arguments` (without the program name) with leading `--demo` / `--data-dir DIR` / `--data-dir=DIR`
  /// moved after the subcommand they precede; unchanged when no subcommand follows them.
  static func movedAfterSubcommand(_ arguments: [String], subcommands: Set<String>) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--demo" || argument.hasPrefix("--data-dir=") {
        leading.append(argument)
        index += 1
      } else if argument == "--data-dir", index + 1 < arguments.count {
        leading += [argument, arguments[index + 1]]
        index += 2
      } else {
        break
      }
    }
    guard !leading.isEmpty, index < arguments.count, subcommands.contains(arguments[index]) else { return arguments }
    return [arguments[index]] + leading + arguments[(index + 1)...]
  }
}
