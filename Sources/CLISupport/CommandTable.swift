/// One option of a command: its name, the value it takes (if any) and what it does.
public struct OptionInfo: Sendable, Equatable {
  /// What follows the option on the command line.
  public enum Value: Sendable, Equatable {
    /// A flag: no value.
    case none
    /// One of these words.
    case choice([String])
    /// A path to a file (completed as a file name); the string names it in usage, e.g. `PATH`.
    case file(String)
    /// A path to a folder.
    case directory(String)
    /// Anything else (a number, a URL, an id); the string names it in usage.
    case text(String)
  }

  public var name: String
  public var value: Value
  public var help: String

  public init(_ name: String, _ value: Value = .none, _ help: String) {
    self.name = name
    self.value = value
    self.help = help
  }

  /// `production|sandbox`, `PATH`, or nil for a flag.
  public var valueName: String? {
    switch value {
    case .none: nil
    case .choice(let words): words.joined(separator: "|")
    case .file(let name), .directory(let name), .text(let name): name
    }
  }

  public var takesValue: Bool { value != .none }
}

/// A positional argument: `RULE_ID`, `OLD.json`.
public struct PositionalInfo: Sendable, Equatable {
  public var name: String
  public var value: OptionInfo.Value

  public init(_ name: String, _ value: OptionInfo.Value) {
    self.name = name
    self.value = value
  }
}

/// One command: the single source its usage line, `--help` and shell completions are made from.
public struct CommandInfo: Sendable, Equatable {
  public var name: String
  /// One line for the overview.
  public var summary: String
  public var positionals: [PositionalInfo]
  public var options: [OptionInfo]
  /// What the command does, a paragraph of `--help`.
  public var about: String
  /// Paragraphs after the options: credentials, exit codes.
  public var notes: [String]

  public init(
    name: String, summary: String, positionals: [PositionalInfo] = [], options: [OptionInfo] = [],
    about: String, notes: [String] = []
  ) {
    self.name = name
    self.summary = summary
    self.positionals = positionals
    self.options = options
    self.about = about
    self.notes = notes
  }

  public func option(_ name: String) -> OptionInfo? { options.first { $0.name == name } }

  /// Every option name, plus `--help`.
  public var optionNames: [String] { options.map(\.name) + ["--help"] }
}

/// The executable's commands, options and their help. Usage lines, `--help` and the bash, zsh and
/// fish completions are all generated from it.
public enum CommandTable {
  /// Report formats of `check`, `demo` and `--output`'s format-name check.
  public static let reportFormats = ["text", "json", "junit", "markdown", "html"]
  public static let shells = ["bash", "zsh", "fish"]

  /// The table. Rule ids and scenario names come from their modules, for completion.
  public static func commands(ruleIds: [String] = [], scenarios: [String] = []) -> [CommandInfo] {
    [
      check, demo(scenarios), rules, explain(ruleIds), diff, sync, simulate, bundle, completion,
    ]
  }

  // MARK: - Shared options

  static let environment = OptionInfo(
    "--environment", .choice(["production", "sandbox"]), "Hibob host (default production)")
  static let baseURL = OptionInfo(
    "--base-url", .text("URL"),
    "another Hibob host, such as a simulator; http:// only for loopback hosts")
  static let credentialsFile = OptionInfo(
    "--credentials-file", .file("PATH"),
    #"JSON {"service_user_id": "...", "token": "..."}, mode 600"#)
  static let timeout = OptionInfo("--timeout", .text("SECONDS"), "per request (default 30)")
  static let deadline = OptionInfo(
    "--deadline", .text("SECONDS"),
    "for the whole run (default 120); probes still open then become error")
  static let color = OptionInfo(
    "--color", .choice(ColorMode.allCases.map(\.rawValue)),
    "colour: auto (default) colours a terminal unless NO_COLOR is set and not empty or "
      + "TERM=dumb")
  static let noColor = OptionInfo("--no-color", .none, "the same as --color never")
  static let reportFormat = OptionInfo(
    "--format", .choice(reportFormats), "report format (default text)")

  // MARK: - Commands

  static let check = CommandInfo(
    name: "check",
    summary: "probe the tenant with the service user's credentials and report every rule",
    options: [
      environment, baseURL, credentialsFile, reportFormat,
      OptionInfo(
        "--output", .file("PATH"),
        "write the report there atomically; the summary line goes to stderr"),
      OptionInfo("--read-only", .none, "no write probes: the two Company rules report manual"),
      OptionInfo("--strict", .none, "a warn or an advisory fail makes the verdict fail"),
      timeout, deadline,
      OptionInfo(
        "--record", .file("PATH"), "also save every exchange, redacted, for support (see bundle)"),
      OptionInfo("--replay", .file("PATH"), "evaluate a recording offline instead of probing"),
      color, noColor,
    ],
    about:
      "Probes Hibob with the service user's credentials and reports every rule of the permission "
      + "matrix, with the exact fix for each failure. On a terminal, progress (which probe is "
      + "waiting, for how long) shows on stderr.",
    notes: [
      "credentials (never a flag): HIBOB_SERVICE_USER_ID and HIBOB_SERVICE_USER_TOKEN, or "
        + "--credentials-file.",
      "exit codes: 0 pass, 1 fail, 2 usage or configuration error (nothing probed), "
        + "3 inconclusive, 74 stdout could not be written, 141 stdout was closed.",
    ])

  static func demo(_ scenarios: [String]) -> CommandInfo {
    CommandInfo(
      name: "demo",
      summary: "check a simulated tenant inside this process (no credentials, no network)",
      options: [
        OptionInfo(
          "--scenario", scenarios.isEmpty ? .text("NAME") : .choice(scenarios),
          "the mistake to show (default: the first of --list-scenarios)"),
        OptionInfo("--list-scenarios", .none, "name every scenario"),
        reportFormat, color, noColor,
      ],
      about:
        "Starts a simulated Hibob tenant inside this process, on loopback, and checks it with "
        + "the real client: no credentials, no network. The default scenario is a realistic "
        + "misconfiguration. Exits 0 when the demo ran, whatever the simulated tenant's "
        + "verdict; 2 for an unknown scenario.")
  }

  static let rules = CommandInfo(
    name: "rules", summary: "list the catalogue of rules",
    options: [
      OptionInfo("--format", .choice(["text", "json", "markdown"]), "output format (default text)")
    ],
    about:
      "Lists every rule of the permission matrix in order: id, article step, severity, what it "
      + "proves. --format json or markdown for scripts and docs (docs/RULES.md is the markdown).")

  static func explain(_ ruleIds: [String]) -> CommandInfo {
    CommandInfo(
      name: "explain", summary: "one rule in full: what it needs, how it is probed, the fix",
      positionals: [
        PositionalInfo("RULE_ID", ruleIds.isEmpty ? .text("RULE_ID") : .choice(ruleIds))
      ],
      about:
        "Shows one rule in full: what it proves, what it needs, how it is probed, what each "
        + "status means and the fix. An unknown id exits 2 and names the closest ids.")
  }

  static let diff = CommandInfo(
    name: "diff", summary: "compare two JSON reports: fixed, regressed, changed",
    positionals: [
      PositionalInfo("OLD.json", .file("OLD.json")), PositionalInfo("NEW.json", .file("NEW.json")),
    ],
    options: [OptionInfo("--format", .choice(["text", "json"]), "output format (default text)")],
    about:
      "Compares two JSON reports (schema version 1) rule by rule: what got fixed, what "
      + "regressed, what changed.",
    notes: [
      "exit codes: 0 nothing regressed, 1 something regressed, 2 a file is missing, unreadable "
        + "or a report of another schema version."
    ])

  static let sync = CommandInfo(
    name: "sync",
    summary: #"sync employees marked "Sync to Remote" to Remote, behind a passing check"#,
    options: [
      environment, baseURL, credentialsFile,
      OptionInfo(
        "--remote-environment", .choice(["production", "sandbox"]),
        "Remote host (default production)"),
      OptionInfo(
        "--remote-base-url", .text("URL"),
        "another Remote host (host only); http:// only for loopback"),
      OptionInfo(
        "--report", .file("PATH"),
        "a passing JSON report at most 15 minutes old, for the same base URL, service user and "
          + "rules version, instead of the check"),
      OptionInfo(
        "--state", .file("PATH"),
        "the state file, in a folder that exists (default under $XDG_DATA_HOME or "
          + "~/.local/share/hibob-remote/)"),
      OptionInfo(
        "--dry-run", .none,
        "data readiness: reads Hibob and Remote (GET only), writes nothing; per employee create, "
          + "adopt, update, unchanged, to do in Remote, or skipped with the missing form properties"
      ),
      OptionInfo(
        "--every", .text("DURATION"), "repeat (4h, 30m, 90s), the gate in every round, until SIGINT"
      ),
      OptionInfo("--concurrency", .text("N"), "Remote requests in flight (1-64, default 4)"),
      OptionInfo(
        "--mapping", .file("FILE"),
        "Hibob fields or constants per Remote form property, optionally per country "
          + "(docs/MAPPING.md)"),
      OptionInfo(
        "--legal-entity-id", .text("ID"), "the legal entity that engages global payroll employees"),
      OptionInfo(
        "--company-id", .text("ID"), "deprecated and ignored (Remote deprecated company_id)"),
      OptionInfo("--format", .choice(["text", "json"]), "the summary's format (default text)"),
      timeout, deadline, color, noColor,
    ],
    about:
      #"Syncs Hibob employees whose "Sync to Remote" field is set to Remote employments. It runs "#
      + "the check first, in the same process; anything but a passing verdict exits 3 before "
      + "Remote is touched. No flag skips the gate. Waits for a rate limit are reported on stderr.",
    notes: [
      "credentials: HIBOB_SERVICE_USER_ID / HIBOB_SERVICE_USER_TOKEN (or --credentials-file) and "
        + "REMOTE_API_TOKEN.",
      "exit codes: 0 all synced (dry run: all ready), 1 some employees failed, were skipped or "
        + "need action in Remote, 2 usage or configuration (mapping, state, token), 3 the gate "
        + "refused, 130 interrupted (SIGINT/SIGTERM; a second signal exits at once).",
    ])

  static let simulate = CommandInfo(
    name: "simulate", summary: "serve a simulated Hibob tenant (or Remote account) on 127.0.0.1",
    options: [
      OptionInfo("--tenant", .file("FILE"), "a tenant file (docs/TENANT-FORMAT.md)"),
      OptionInfo("--recording", .file("PATH"), "a recorded check, for support"),
      OptionInfo("--remote", .none, "an empty simulated Remote account"),
      OptionInfo("--port", .text("N"), "the port (default: any free port)"),
    ],
    about:
      "Serves a simulated Hibob tenant from a tenant file (see docs/TENANT-FORMAT.md and "
      + "fixtures/tenants/), a recorded check (--recording), or an empty simulated Remote "
      + "account (--remote), on 127.0.0.1 until SIGINT or SIGTERM. Prints the base URL to use "
      + "with --base-url (or --remote-base-url). Give exactly one of --tenant, --recording, "
      + "--remote.",
    notes: ["exit codes: 0 stopped by a signal, 2 a bad tenant or recording file or port."])

  static let bundle = CommandInfo(
    name: "bundle",
    summary: "write one redacted support bundle: report, Markdown, recording, manifest",
    options: [
      OptionInfo(
        "--output", .directory("PATH"),
        "the bundle's folder (default ./hibob-remote-bundle-<timestamp>); never overwritten"),
      OptionInfo("--report", .file("PATH"), "bundle this JSON report instead of running the check"),
      OptionInfo(
        "--recording", .file("PATH"), "bundle this recording instead of running the check"),
      environment, baseURL, credentialsFile,
      OptionInfo("--read-only", .none, "no write probes"),
      timeout,
    ],
    about:
      "Runs the check (or takes --report and/or --recording) and writes one directory for a "
      + "support ticket: report.json, report.md, recording.json, manifest.json with the tool "
      + "version and platform. Before writing it scans everything for the token and personal "
      + "data and refuses (exit 2, saying what and where) if it finds any.")

  static let completion = CommandInfo(
    name: "completion", summary: "print a shell completion script (bash, zsh or fish)",
    positionals: [PositionalInfo("SHELL", .choice(shells))],
    about:
      "Prints a completion script for the shell, generated from the same table as --help. "
      + "bash: source <(hibob-remote completion bash), or save it under "
      + "~/.local/share/bash-completion/completions/hibob-remote. zsh: save it as _hibob-remote "
      + "in a folder of $fpath. fish: save it as "
      + "~/.config/fish/completions/hibob-remote.fish.")
}
