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
      Console.out("hibob-remote \(toolVersion)\n")
      return ExitCode.ok
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
      Console.error("unknown command '\(first)'")
      Console.err("usage: hibob-remote <command> [options]; commands: \(Command.names)\n")
      return ExitCode.usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      Console.out(command.help)
      return ExitCode.ok
    }
    if rest.contains("--version") {
      Console.out("hibob-remote \(toolVersion)\n")
      return ExitCode.ok
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
    Console.err("usage: \(command.spec.usage)\n")
    return ExitCode.usage
  }
}

/// A failure a command reports with one line and a given exit code (2 unless said).
struct CommandError: Error {
  var message: String
  var exitCode: Int32 = ExitCode.usage
}
