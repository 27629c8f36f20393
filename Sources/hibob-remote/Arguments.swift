import CLISupport

/// A usage error: one line, and the command's one-line usage. Exit code 2.
struct UsageError: Error {
  var message: String
}

/// What a command accepts: options that take a value, and flags that do not.
struct CommandSpec {
  var name: String
  /// One line under 100 characters: `usage: hibob-remote check [options]; see ...`.
  var usage: String
  var valueOptions: Set<String> = []
  var flags: Set<String> = []
  /// The positional arguments' names, in order (`OLD.json`, `NEW.json`); all required.
  var positionalNames: [String] = []
  /// Every option name in table order, for "did you mean".
  var optionNames: [String] = []

  /// How many positional arguments it takes.
  var positionals: ClosedRange<Int> { positionalNames.count...positionalNames.count }

  init(_ info: CommandInfo) {
    name = info.name
    usage = CommandHelp.shortUsage(info)
    valueOptions = Set(info.options.filter(\.takesValue).map(\.name))
    flags = Set(info.options.filter { !$0.takesValue }.map(\.name))
    positionalNames = info.positionals.map(\.name)
    optionNames = info.options.map(\.name)
  }
}

/// Parsed arguments of one command. Options and flags may come in any order, as `--name value`
/// or `--name=value`; a repeated option keeps its last value.
struct ParsedArguments {
  var values: [String: String] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []

  func value(_ name: String) -> String? { values[name] }
  func has(_ name: String) -> Bool { flags.contains(name) }

  static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < args.count {
      let arg = args[index]
      index += 1
      if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
        parsed.positionals.append(arg)
        continue
      }
      if arg == "--" {
        onlyPositionals = true
        continue
      }
      var name = arg
      var inlineValue: String?
      if let eq = arg.firstIndex(of: "=") {
        name = String(arg[..<eq])
        inlineValue = String(arg[arg.index(after: eq)...])
      }
      if spec.valueOptions.contains(name) {
        if let inlineValue {
          parsed.values[name] = inlineValue
        } else if index < args.count, !isOptionLike(args[index], spec: spec) {
          parsed.values[name] = args[index]
          index += 1
        } else {
          throw UsageError(message: "\(name) needs a value")
        }
      } else if spec.flags.contains(name) {
        if inlineValue != nil { throw UsageError(message: "\(name) takes no value") }
        parsed.flags.insert(name)
      } else {
        throw UsageError(message: unknownOption(name, spec: spec))
      }
    }
    if !spec.positionals.contains(parsed.positionals.count) {
      if parsed.positionals.count > spec.positionals.upperBound {
        let extra = parsed.positionals[spec.positionals.upperBound]
        throw UsageError(message: "unexpected argument '\(extra)'")
      }
      let missing = spec.positionalNames[parsed.positionals.count...]
      throw UsageError(
        message: "missing \(missing.joined(separator: " and ")): '\(spec.name)' takes "
          + spec.positionalNames.joined(separator: " "))
    }
    return parsed
  }

  /// `unknown option '--base-ur' for 'check'; did you mean --base-url?`
  static func unknownOption(_ name: String, spec: CommandSpec) -> String {
    let message = "unknown option '\(name)' for '\(spec.name)'"
    if let close = Suggest.closest(to: name, among: spec.optionNames + ["--help"]) {
      return message + "; did you mean \(close)?"
    }
    if let other = Command.table.first(where: { $0.option(name) != nil }) {
      return message + " (it is an option of '\(other.name)')"
    }
    return message
  }

  /// A following word that is itself one of the command's options is not taken as a value.
  private static func isOptionLike(_ word: String, spec: CommandSpec) -> Bool {
    guard word.hasPrefix("--") else { return false }
    let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
    return spec.valueOptions.contains(name) || spec.flags.contains(name) || name == "--help"
  }
}
