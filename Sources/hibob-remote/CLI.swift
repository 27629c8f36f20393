import CLISupport
import Foundation

/// The version printed by `--version` and written into every report.
let toolVersion = "0.1.0"

/// Parses the command line and runs one command. Returns the process exit code.
enum CLI {
  static func main(arguments: [String], environment: [String: String]) async -> Int32 {
    guard let first = arguments.first else {
      Console.err(Help.overview)
      return ExitCode.usage
    }
    if first == "--version" || first == "version" {
      return version(Array(arguments.dropFirst()))
    }
    if first == "--help" || first == "-h" || first == "help" {
      if arguments.count > 1, let command = Command(rawValue: arguments[1]) {
        Console.out(command.help)
      } else {
        Console.out(Help.overview)
      }
      return ExitCode.ok
    }
    guard let command = Command(rawValue: first) else {
      return unknownCommand(first)
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      Console.out(command.help)
      return ExitCode.ok
    }
    if rest.contains("--version") {
      // `check --version --format json` asks for the version as JSON too; other options are
      // ignored.
      let json =
        rest.contains("--format=json")
        || zip(rest, rest.dropFirst()).contains { $0 == "--format" && $1 == "json" }
      return version(json ? ["--format", "json"] : [])
    }
    let parsed: ParsedArguments
    do {
      parsed = try ParsedArguments.parse(rest, spec: command.spec)
    } catch {
      return usageError(error.message, command: command)
    }
    do {
      return try await command.run(parsed, environment: environment)
    } catch let error as UsageError {
      return usageError(error.message, command: command)
    } catch let error as CommandError {
      Console.error(error.message)
      return error.exitCode
    } catch {
      Console.error("\(error)")
      return ExitCode.usage
    }
  }

  static func usageError(_ message: String, command: Command) -> Int32 {
    Console.error(message)
    Console.err(command.spec.usage + "\n")
    return ExitCode.usage
  }

  /// `unknown command 'chek'; did you mean 'check'?`, then the short usage.
  static func unknownCommand(_ word: String) -> Int32 {
    let what = word.hasPrefix("-") ? "option" : "command"
    var message = "unknown \(what) '\(word)'"
    let candidates = Command.names + (word.hasPrefix("-") ? ["--help", "--version"] : [])
    if let close = Suggest.closest(to: word, among: candidates) {
      message += "; did you mean '\(close)'?"
    } else {
      message += " (commands: \(Command.names.joined(separator: ", ")))"
    }
    Console.error(message)
    Console.err("usage: hibob-remote <command> [options]; see 'hibob-remote --help'\n")
    return ExitCode.usage
  }

  /// `--version [--format text|json]`: the version and the build's details.
  static func version(_ rest: [String]) -> Int32 {
    let spec = CommandSpec(
      CommandInfo(
        name: "--version", summary: "",
        options: [OptionInfo("--format", .choice(["text", "json"]), "")], about: ""))
    let format: String
    do {
      format = try ParsedArguments.parse(rest, spec: spec).value("--format") ?? "text"
    } catch {
      Console.error(error.message)
      Console.err("usage: hibob-remote --version [--format text|json]\n")
      return ExitCode.usage
    }
    let info = BuildInfo.current(version: toolVersion)
    switch format {
    case "text":
      Console.out(info.text)
    case "json":
      do {
        Console.out(try info.json())
      } catch {
        Console.error("cannot encode the version: \(error)")
        return ExitCode.usage
      }
    default:
      Console.error("unknown format '\(format)' (text or json)")
      Console.err("usage: hibob-remote --version [--format text|json]\n")
      return ExitCode.usage
    }
    return ExitCode.ok
  }
}

/// A failure a command reports with one line and a given exit code (2 unless said).
struct CommandError: Error {
  var message: String
  var exitCode: Int32 = ExitCode.usage
}
