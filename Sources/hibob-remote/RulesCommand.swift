import CLISupport
import Foundation
import PermissionRules

/// `rules` and `explain`.
enum RulesCommand {
  static func run(_ args: ParsedArguments) throws -> Int32 {
    switch args.value("--format") ?? "text" {
    case "text": Console.out(Catalogue.text())
    case "json": Console.out(String(decoding: Catalogue.json(), as: UTF8.self) + "\n")
    case "markdown": Console.out(Catalogue.markdown())
    case let other:
      throw UsageError(message: "unknown format '\(other)' (text, json or markdown)")
    }
    return ExitCode.ok
  }

  static func explain(_ args: ParsedArguments) throws -> Int32 {
    let id = args.positionals[0]
    if let text = Catalogue.explain(id) {
      Console.out(text)
      return ExitCode.ok
    }
    let closest = Catalogue.closestIds(to: id)
    let hint =
      closest.isEmpty
      ? "run `hibob-remote rules` for the list"
      : "did you mean \(closest.joined(separator: ", "))?"
    throw CommandError(message: "unknown rule id '\(id)': \(hint)")
  }
}
