enum Help {
  static let overview = """
    hibob-remote: proves a Hibob service user and permission group are set up as Remote's
    integration article requires, before anything syncs.

    usage: hibob-remote <command> [options]

    commands:
      check       probe the tenant with the service user's credentials and report every rule
      demo        check a simulated tenant inside this process (no credentials, no network)
      rules       list the catalogue of rules
      explain     one rule in full: what it needs, how it is probed, the fix
      diff        compare two JSON reports: fixed, regressed, changed
      sync        sync employees marked "Sync to Remote" to Remote, behind a passing check
      simulate    serve a simulated Hibob tenant (or Remote account) on 127.0.0.1
      bundle      write one redacted support bundle: report, Markdown, recording, manifest

    hibob-remote <command> --help shows a command's options; --version prints the version.
    Exit codes of check: 0 pass, 1 fail, 2 usage or configuration error, 3 inconclusive.

    """
}

extension Command {
  var help: String {
    switch self {
    case .check: return Self.checkHelp
    case .demo: return Self.demoHelp
    case .rules:
      return """
        usage: \(spec.usage)

        Lists every rule of the permission matrix in order: id, article step, severity, what it
        proves. --format json or markdown for scripts and docs (docs/RULES.md is the markdown).

        """
    case .explain:
      return """
        usage: \(spec.usage)

        Shows one rule in full: what it proves, what it needs, how it is probed, what each status
        means and the fix. An unknown id exits 2 and names the closest ids.

        """
    case .diff:
      return """
        usage: \(spec.usage)

        Compares two JSON reports (schema version 1) rule by rule: what got fixed, what regressed,
        what changed. Exit codes: 0 nothing regressed, 1 something regressed, 2 a file is
        missing, unreadable or a report of another schema version.

        """
    case .sync: return Self.syncHelp
    case .simulate:
      return """
        usage: \(spec.usage)

        Serves a simulated Hibob tenant from a tenant file (see docs/TENANT-FORMAT.md and
        fixtures/tenants/), a recorded check (--recording), or an empty simulated Remote account
        (--remote), on 127.0.0.1 until SIGINT or SIGTERM. Prints the base URL to use with
        --base-url (or --remote-base-url). --port N picks the port (default: any free port).
        Exit codes: 0 stopped by a signal, 2 a bad tenant or recording file or port.

        """
    case .bundle:
      return """
        usage: \(spec.usage)

        Runs the check (or takes --report and/or --recording) and writes one directory for a
        support ticket: report.json, report.md, recording.json, manifest.json with the tool
        version and platform. Before writing it scans everything for the token and personal
        data and refuses (exit 2, saying what and where) if it finds any.
        Default output: ./hibob-remote-bundle-<timestamp>.

        """
    }
  }

  private static let checkHelp = """
    usage: hibob-remote check [options]

    Probes Hibob with the service user's credentials and reports every rule of the permission
    matrix, with the exact fix for each failure.

    credentials (never a flag):
      HIBOB_SERVICE_USER_ID and HIBOB_SERVICE_USER_TOKEN, or
      --credentials-file PATH     JSON {"service_user_id": "...", "token": "..."}, mode 600

    options:
      --environment production|sandbox   Hibob host (default production)
      --base-url URL              another host, such as a simulator; http:// only for loopback
      --format text|json|junit|markdown  report format (default text)
      --output PATH               write the report there atomically; summary line on stderr
      --read-only                 no write probes: the two Company rules report manual
      --strict                    a warn or an advisory fail makes the verdict fail
      --timeout SECONDS           per request (default 30)
      --deadline SECONDS          for the whole run (default 120); probes left become error
      --record PATH               save every exchange, redacted, for support (see bundle)
      --replay PATH               evaluate a recording offline instead of probing
      --no-color                  no colour (also off with NO_COLOR or when not a terminal)

    exit codes: 0 pass, 1 fail, 2 usage or configuration error (nothing probed), 3 inconclusive

    """

  private static let demoHelp = """
    usage: hibob-remote demo [--scenario NAME] [--list-scenarios] [--format FORMAT] [--no-color]

    Starts a simulated Hibob tenant inside this process, on loopback, and checks it with the
    real client: no credentials, no network. The default scenario is a realistic
    misconfiguration; --list-scenarios names them all. Exits 0 when the demo ran, whatever the
    simulated tenant's verdict; 2 for an unknown scenario.

    """

  private static let syncHelp = """
    usage: hibob-remote sync [options]

    Syncs Hibob employees whose "Sync to Remote" field is set to Remote employments. It runs the
    check first, in the same process; anything but a passing verdict exits 3 before Remote is
    touched. No flag skips the gate.

    credentials: HIBOB_SERVICE_USER_ID / HIBOB_SERVICE_USER_TOKEN (or --credentials-file) and
    REMOTE_API_TOKEN.

    options:
      --environment, --base-url, --credentials-file, --timeout, --deadline   as for check
      --remote-environment production|sandbox   Remote host (default production)
      --remote-base-url URL       another Remote host (host only); http:// only for loopback
      --report PATH               a passing JSON report at most 15 minutes old, for the same
                                  base URL, service user and rules version, instead of the check
      --state PATH                the state file, in a folder that exists (default under
                                  $XDG_DATA_HOME or ~/.local/share/hibob-remote/)
      --dry-run                   data readiness: reads Hibob and Remote (GET only), writes
                                  nothing; per employee create, adopt, update, unchanged, to do
                                  in Remote, or skipped with the missing form properties
      --every DURATION            repeat (4h, 30m, 90s), the gate in every round, until SIGINT
      --concurrency N             Remote requests in flight (1-64, default 4)
      --mapping FILE              Hibob fields or constants per Remote form property, optionally
                                  per country (docs/MAPPING.md)
      --legal-entity-id ID        the legal entity that engages global payroll employees
      --company-id ID             deprecated and ignored (Remote deprecated company_id)
      --format text|json          the summary's format (default text)

    exit codes: 0 all synced (dry run: all ready), 1 some employees failed, were skipped or need
    action in Remote, 2 usage or configuration (mapping, state, token), 3 the gate refused,
    130 interrupted (SIGINT/SIGTERM; a second signal exits at once)

    """
}
