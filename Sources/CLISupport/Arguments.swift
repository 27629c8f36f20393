/// What a command line accepts: options that take a value, flags that do not, and positional
/// arguments. The executable makes one per command from ``CommandInfo``; the benchmark declares
/// its own.
public struct ArgumentSpec: Sendable, Equatable {
  /// The command's name in messages (`unknown option '--x' for 'check'`).
  public var name: String
  public var valueOptions: Set<String>
  public var flags: Set<String>
  /// The positional arguments' names, in order (`OLD.json`, `NEW.json`); all required.
  public var positionalNames: [String]
  /// Every name "did you mean" picks from, in order (`--help` too, though the caller answers it
  /// before parsing). A following word that names one of these, an option or a flag is not taken
  /// as an option's value.
  public var knownNames: [String]

  public init(
    name: String, valueOptions: Set<String>, flags: Set<String>, positionalNames: [String] = [],
    knownNames: [String]
  ) {
    self.name = name
    self.valueOptions = valueOptions
    self.flags = flags
    self.positionalNames = positionalNames
    self.knownNames = knownNames
  }

  /// A command of the table: its options and positionals, and `--help`.
  public init(_ info: CommandInfo) {
    self.init(
      name: info.name, valueOptions: Set(info.options.filter(\.takesValue).map(\.name)),
      flags: Set(info.options.filter { !$0.takesValue }.map(\.name)),
      positionalNames: info.positionals.map(\.name),
      knownNames: info.options.map(\.name) + ["--help"])
  }

  /// How many positional arguments it takes.
  public var positionals: ClosedRange<Int> { positionalNames.count...positionalNames.count }
}

/// Why a command line was refused. Each description is one line.
public enum ArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--base-url needs a value`: the option came last, or before another option.
  case needsValue(option: String)
  /// `--read-only takes no value`: a flag given as `--flag=value`.
  case takesNoValue(option: String)
  /// An option the command does not know, with the known name closest to it, if one is close.
  case unknownOption(String, command: String, closest: String?)
  /// A positional argument beyond those the command takes.
  case unexpectedArgument(String)
  /// Positional arguments missing: the missing ones, and every one the command takes.
  case missingArguments([String], command: String, takes: [String])

  public var description: String {
    switch self {
    case .needsValue(let option): "\(option) needs a value"
    case .takesNoValue(let option): "\(option) takes no value"
    case .unknownOption(let name, let command, let closest):
      "unknown option '\(name)' for '\(command)'" + (closest.map { "; did you mean \($0)?" } ?? "")
    case .unexpectedArgument(let argument): "unexpected argument '\(argument)'"
    case .missingArguments(let missing, let command, let takes):
      "missing \(missing.joined(separator: " and ")): '\(command)' takes "
        + takes.joined(separator: " ")
    }
  }
}

/// Parsed arguments of one command. Options and flags may come in any order, as `--name value`
/// or `--name=value`; a repeated option keeps its last value; `--` ends the options, and `-` is a
/// positional argument.
public struct ParsedArguments: Sendable, Equatable {
  public var values: [String: String] = [:]
  public var flags: Set<String> = []
  public var positionals: [String] = []

  public init() {}

  public func value(_ name: String) -> String? { values[name] }
  public func has(_ name: String) -> Bool { flags.contains(name) }

  public static func parse(_ args: [String], spec: ArgumentSpec) throws(ArgumentError)
    -> ParsedArguments
  {
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
          throw .needsValue(option: name)
        }
      } else if spec.flags.contains(name) {
        if inlineValue != nil { throw .takesNoValue(option: name) }
        parsed.flags.insert(name)
      } else {
        throw .unknownOption(
          name, command: spec.name, closest: Suggest.closest(to: name, among: spec.knownNames))
      }
    }
    if !spec.positionals.contains(parsed.positionals.count) {
      if parsed.positionals.count > spec.positionals.upperBound {
        throw .unexpectedArgument(parsed.positionals[spec.positionals.upperBound])
      }
      throw .missingArguments(
        Array(spec.positionalNames[parsed.positionals.count...]), command: spec.name,
        takes: spec.positionalNames)
    }
    return parsed
  }

  /// A following word that is itself one of the command's options is not taken as a value.
  private static func isOptionLike(_ word: String, spec: ArgumentSpec) -> Bool {
    guard word.hasPrefix("--") else { return false }
    let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
    return spec.valueOptions.contains(name) || spec.flags.contains(name)
      || spec.knownNames.contains(name)
  }
}
