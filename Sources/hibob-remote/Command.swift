import CLISupport
import PermissionRules
import Simulator

/// Every command of the executable. Its options, usage, help and completions come from one
/// table, `CommandTable` (Sources/CLISupport).
enum Command: String, CaseIterable {
  case check, demo, rules, explain, diff, sync, simulate, bundle, completion

  static var names: [String] { allCases.map(\.rawValue) }

  /// The table as usage and help show it (value names such as `NAME`, `RULE_ID`).
  static var table: [CommandInfo] { CommandTable.commands() }

  /// The table with the words completion offers (scenario names, rule ids).
  static var completionTable: [CommandInfo] {
    CommandTable.commands(
      ruleIds: Catalogue.rules.map(\.id), scenarios: DemoScenario.all.map(\.name))
  }

  var info: CommandInfo {
    Self.table.first { $0.name == rawValue }
      ?? CommandInfo(name: rawValue, summary: "", about: "")
  }

  var spec: CommandSpec { CommandSpec(info) }

  /// `--help`: the full usage and every option.
  var help: String { CommandHelp.help(info) }

  func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    switch self {
    case .check: return try await CheckCommand.run(args, environment: environment)
    case .demo: return try await DemoCommand.run(args, environment: environment)
    case .rules: return try RulesCommand.run(args)
    case .explain: return try RulesCommand.explain(args)
    case .diff: return try DiffCommand.run(args)
    case .sync: return try await SyncCommand.run(args, environment: environment)
    case .simulate: return try await SimulateCommand.run(args, environment: environment)
    case .bundle: return try await BundleCommand.run(args, environment: environment)
    case .completion: return try CompletionCommand.run(args)
    }
  }
}

/// `completion bash|zsh|fish`: the script, generated from the command table.
enum CompletionCommand {
  static func run(_ args: ParsedArguments) throws -> Int32 {
    let shell = args.positionals[0]
    guard let script = Completion.script(shell: shell, commands: Command.completionTable) else {
      let hint = Suggest.closest(to: shell, among: CommandTable.shells).map {
        "; did you mean \($0)?"
      }
      throw UsageError(message: "unknown shell '\(shell)' (bash, zsh or fish)\(hint ?? "")")
    }
    Console.out(script)
    return ExitCode.ok
  }
}
