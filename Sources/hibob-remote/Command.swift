/// Every command of the executable, with its arguments and help.
enum Command: String, CaseIterable {
  case check, demo, rules, explain, diff, sync, simulate, bundle

  static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  var spec: CommandSpec {
    switch self {
    case .check:
      return CommandSpec(
        name: "check",
        usage:
          "hibob-remote check [--environment production|sandbox | --base-url URL] "
          + "[--credentials-file PATH] [--format text|json|junit|markdown] [--output PATH] "
          + "[--read-only] [--strict] [--timeout SECONDS] [--deadline SECONDS] [--no-color] "
          + "[--record PATH | --replay PATH]",
        valueOptions: [
          "--environment", "--base-url", "--credentials-file", "--format", "--output",
          "--timeout", "--deadline", "--record", "--replay",
        ],
        flags: ["--read-only", "--strict", "--no-color"])
    case .demo:
      return CommandSpec(
        name: "demo",
        usage:
          "hibob-remote demo [--scenario NAME] [--list-scenarios] "
          + "[--format text|json|junit|markdown] [--no-color]",
        valueOptions: ["--scenario", "--format"],
        flags: ["--list-scenarios", "--no-color"])
    case .rules:
      return CommandSpec(
        name: "rules", usage: "hibob-remote rules [--format text|json|markdown]",
        valueOptions: ["--format"])
    case .explain:
      return CommandSpec(
        name: "explain", usage: "hibob-remote explain RULE_ID", positionals: 1...1)
    case .diff:
      return CommandSpec(
        name: "diff", usage: "hibob-remote diff OLD.json NEW.json [--format text|json]",
        valueOptions: ["--format"], positionals: 2...2)
    case .sync:
      return CommandSpec(
        name: "sync",
        usage:
          "hibob-remote sync [--environment production|sandbox | --base-url URL] "
          + "[--credentials-file PATH] [--remote-environment production|sandbox | "
          + "--remote-base-url URL] [--report PATH] [--state PATH] [--dry-run] "
          + "[--every DURATION] [--concurrency N] [--mapping FILE] [--legal-entity-id ID] "
          + "[--format text|json] "
          + "[--timeout SECONDS] [--deadline SECONDS]",
        valueOptions: [
          "--environment", "--base-url", "--credentials-file", "--remote-environment",
          "--remote-base-url", "--report", "--state", "--every", "--concurrency", "--company-id",
          "--mapping", "--legal-entity-id", "--format", "--timeout", "--deadline",
        ],
        flags: ["--dry-run", "--no-color"])
    case .simulate:
      return CommandSpec(
        name: "simulate",
        usage: "hibob-remote simulate (--tenant FILE | --recording PATH | --remote) [--port N]",
        valueOptions: ["--tenant", "--port", "--recording"],
        flags: ["--remote"])
    case .bundle:
      return CommandSpec(
        name: "bundle",
        usage:
          "hibob-remote bundle [--output PATH] [--report PATH] [--recording PATH] "
          + "[--environment production|sandbox | --base-url URL] [--credentials-file PATH] "
          + "[--read-only] [--timeout SECONDS]",
        valueOptions: [
          "--output", "--report", "--recording", "--environment", "--base-url",
          "--credentials-file", "--timeout",
        ],
        flags: ["--read-only"])
    }
  }

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
    }
  }
}
