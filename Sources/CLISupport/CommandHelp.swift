import Common
import Foundation

/// Usage lines and `--help` text, generated from ``CommandTable``.
public enum CommandHelp {
  public static let tool = "hibob-remote"
  /// Help is laid out for this many columns.
  public static let width = 80
  /// The column option descriptions start at.
  static let descriptionColumn = 30

  /// The short usage printed under a usage error (under 100 characters):
  /// `usage: hibob-remote check [options]; see 'hibob-remote check --help'`.
  public static func shortUsage(_ command: CommandInfo) -> String {
    var words = [tool, command.name]
    if !command.options.isEmpty { words.append("[options]") }
    words += command.positionals.map(\.name)
    return "usage: \(words.joined(separator: " ")); see '\(tool) \(command.name) --help'"
  }

  /// The full synopsis: every option with its value, wrapped with a hanging indent.
  public static func synopsis(_ command: CommandInfo) -> [String] {
    let options = command.options.map { option in
      "[" + option.name + (option.valueName.map { " " + $0 } ?? "") + "]"
    }
    let first = "usage: \(tool) \(command.name)"
    let text = (options + command.positionals.map(\.name)).joined(separator: "\u{1}")
    // Each bracketed option is one unbreakable piece: spaces inside it are not break points.
    let pieces = text.split(separator: "\u{1}")
    guard !pieces.isEmpty else { return [first] }
    return TextWrap.wrap(
      pieces, width: width, first: first + " ",
      indent: String(repeating: " ", count: first.count + 1))
  }

  /// `hibob-remote <command> --help`.
  public static func help(_ command: CommandInfo) -> String {
    var out = synopsis(command)
    out.append("")
    out += TextWrap.wrap(command.about, width: width)
    do {
      out.append("")
      out.append("options:")
      for option in command.options {
        out += optionLines(option.name + (option.valueName.map { " " + $0 } ?? ""), option.help)
      }
      out += optionLines("--help", "show this help")
    }
    for note in command.notes {
      out.append("")
      out += TextWrap.wrap(note, width: width, indent: "  ")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `hibob-remote --help`: every command with its one-line summary.
  public static func overview(_ commands: [CommandInfo]) -> String {
    var out = [
      "\(tool): proves a Hibob service user and permission group are set up as Remote's",
      "integration article requires, before anything syncs.",
      "",
      "usage: \(tool) <command> [options]",
      "",
      "commands:",
    ]
    let column = (commands.map(\.name.count).max() ?? 8) + 4
    for command in commands {
      let name = "  " + command.name.padding(toLength: column, withPad: " ", startingAt: 0)
      out += TextWrap.wrap(
        command.summary, width: width, first: name,
        indent: String(repeating: " ", count: name.count))
    }
    out += [
      "",
      "\(tool) <command> --help shows a command's options; --version [--format json] prints the",
      "version and build details.",
      "Exit codes of check: 0 pass, 1 fail, 2 usage or configuration error, 3 inconclusive.",
    ]
    return out.joined(separator: "\n") + "\n"
  }

  private static func optionLines(_ left: String, _ help: String) -> [String] {
    let head = "  " + left
    let indent = String(repeating: " ", count: descriptionColumn)
    if head.count + 2 <= descriptionColumn {
      let first = head.padding(toLength: descriptionColumn, withPad: " ", startingAt: 0)
      return TextWrap.wrap(help, width: width, first: first, indent: indent)
    }
    return [head] + TextWrap.wrap(help, width: width, first: indent, indent: indent)
  }
}
