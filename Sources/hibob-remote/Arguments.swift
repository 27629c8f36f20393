import CLISupport

/// A usage error: one line, and the command's one-line usage. Exit code 2.
struct UsageError: Error {
  var message: String
}

/// What a command accepts (CLISupport's ``ArgumentSpec``) and its one-line usage.
struct CommandSpec {
  var arguments: ArgumentSpec
  /// One line under 100 characters: `usage: hibob-remote check [options]; see ...`.
  var usage: String

  init(_ info: CommandInfo) {
    arguments = ArgumentSpec(info)
    usage = CommandHelp.shortUsage(info)
  }
}

extension ParsedArguments {
  /// CLISupport's scanner, its errors made usage errors; an unknown option that is no near miss
  /// names the command it belongs to.
  static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    do {
      return try parse(args, spec: spec.arguments)
    } catch {
      throw UsageError(message: message(for: error))
    }
  }

  /// `unknown option '--base-ur' for 'check'; did you mean --base-url?`, or
  /// `unknown option '--tenant' for 'check' (it is an option of 'simulate')`.
  static func message(for error: ArgumentError) -> String {
    if case .unknownOption(let name, _, closest: nil) = error,
      let other = Command.table.first(where: { $0.option(name) != nil })
    {
      return error.description + " (it is an option of '\(other.name)')"
    }
    return error.description
  }
}
