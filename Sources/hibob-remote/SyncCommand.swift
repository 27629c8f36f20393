import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight
import RemoteSync

#if canImport(Glibc)
  import Glibc
#endif

/// `sync`: the gated sync. The check runs first in every round (or a recent passing `--report`
/// stands in for it); anything but pass exits 3 before Remote is touched. No flag skips the gate.
enum SyncCommand {
  static let remoteTokenVariable = "REMOTE_API_TOKEN"
  static let interrupted: Int32 = 130
  /// After the first signal, requests still in flight get this long before they are cut.
  static let grace: Double = 1.2

  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    _ = try Console.colorMode(args)
    let config = try Config(args, environment: environment)
    if config.companyIdGiven {
      Console.err(
        "sync: --company-id is ignored: Remote deprecated company_id (the token's company is "
          + "used); global payroll needs --legal-entity-id\n")
    }
    let cancellation = SyncCancellation()
    let trap = SignalTrap()
    let work = Task {
      guard let interval = config.every else {
        let outcome = await round(config, cancellation: cancellation)
        return report(outcome, config: config)
      }
      let last = LastExit()
      await SyncSchedule.runEvery(
        interval: interval, stop: cancellation,
        round: { _ in await round(config, cancellation: cancellation) },
        log: { number, outcome in
          Console.err("sync: round \(number) at \(UTCDate.timestamp(Date()))\n")
          last.set(report(outcome, config: config))
        })
      return last.value
    }
    trap.onEverySignal { _, count in
      guard count == 1 else {
        Console.err("sync: second signal: exiting now\n")
        exit(interrupted)
      }
      Console.err("sync: interrupted: no new request starts; stopping\n")
      cancellation.cancel()
      Task.detached {
        try? await Task.sleep(nanoseconds: UInt64(grace * 1_000_000_000))
        work.cancel()
      }
    }
    let code = await work.value
    return cancellation.isCancelled ? interrupted : code
  }

  /// One round: a fresh gate, a fresh Hibob read, the engine.
  static func round(_ config: Config, cancellation: SyncCancellation) async
    -> SyncSchedule.RoundResult
  {
    let hibob = HibobClient(
      baseURL: config.target.baseURL, credentials: config.credentials,
      transport: URLSessionTransport(),
      policy: RetryPolicy(onWait: Progress.syncWaitLogger(service: "Hibob")),
      timeout: config.timeout)
    var remotePolicy = RemoteClient.defaultPolicy
    remotePolicy.onWait = Progress.syncWaitLogger(service: "Remote")
    let remote = RemoteClient(
      baseURL: config.remoteURL, token: config.remoteToken,
      transport: URLSessionTransport(maxConnectionsPerHost: max(6, config.concurrency)),
      policy: remotePolicy, timeout: config.timeout, cancellation: cancellation)
    let engine = SyncEngine(
      gate: gate(config), source: HibobSyncSource(client: hibob), remote: remote,
      stateFile: config.stateFile,
      options: SyncOptions(
        dryRun: config.dryRun, concurrency: config.concurrency, mapping: config.mapping),
      cancellation: cancellation, progress: progressPrinter(),
      requestStats: { remote.stats })
    do {
      return .result(try await engine.run())
    } catch {
      return .error(error)
    }
  }

  static func gate(_ config: Config) -> any SyncGate {
    if let path = config.reportPath {
      return ClosureGate {
        guard let data = FileManager.default.contents(atPath: path) else {
          return .refused(reason: "the --report file \(path) cannot be read", failures: [])
        }
        return ReportGate.decision(
          forReportData: data, now: Date(), baseURL: config.target.baseURL.absoluteString,
          serviceUserId: config.credentials.serviceUserId, rulesVersion: Catalogue.rulesVersion)
      }
    }
    let settings = CheckSettings(
      baseURL: config.target.baseURL, environment: config.target.environment,
      credentials: config.credentials, timeout: config.timeout, deadline: config.deadline,
      toolVersion: toolVersion)
    return ClosureGate { GateDecision(report: await PreflightRunner.run(settings).report) }
  }

  /// Prints the round's outcome and returns its exit code.
  static func report(_ outcome: SyncSchedule.RoundResult, config: Config) -> Int32 {
    switch outcome {
    case .error(let error):
      Console.error(error.description)
      return error.exitCode
    case .result(let result):
      if config.json {
        let data = (try? result.jsonData()) ?? Data("{}".utf8)
        Console.out(String(decoding: data, as: UTF8.self) + "\n")
      } else {
        Console.out(result.text())
      }
      if case .gateRefused = result {
        Console.err("sync: the check did not pass; nothing was sent to Remote (exit 3)\n")
      }
      return result.exitCode
    }
  }

  /// Progress on stderr for runs of more than a few dozen employees: every tenth of the way.
  static func progressPrinter() -> @Sendable (SyncProgress) -> Void {
    { progress in
      guard progress.total > 36 else { return }
      let step = max(1, progress.total / 10)
      if progress.done % step == 0 || progress.done == progress.total {
        Console.err("sync: \(progress.done)/\(progress.total) employees\n")
      }
    }
  }

  /// Everything a sync needs, checked before anything is sent.
  struct Config: Sendable {
    var target: Target
    var credentials: Credentials
    var remoteURL: URL
    var remoteToken: String
    var stateFile: URL
    var reportPath: String?
    var dryRun: Bool
    var every: TimeInterval?
    var concurrency: Int
    var companyIdGiven: Bool
    var mapping: SyncMapping
    var json: Bool
    var timeout: Double
    var deadline: Double

    init(_ args: ParsedArguments, environment: [String: String]) throws {
      let format = args.value("--format") ?? "text"
      guard format == "text" || format == "json" else {
        throw UsageError(message: "unknown format '\(format)' (text or json)")
      }
      json = format == "json"
      target = try Target.resolve(args)
      timeout = try Options.seconds(args, "--timeout", default: 30)
      deadline = try Options.seconds(args, "--deadline", default: 120)
      remoteURL = try Self.remoteURL(args)
      every = try args.value("--every").map { raw in
        do {
          return try SyncSchedule.parseDuration(raw)
        } catch {
          throw UsageError(message: "\(error)")
        }
      }
      concurrency = 4
      if let raw = args.value("--concurrency") {
        guard let n = Int(raw), (1...64).contains(n) else {
          throw UsageError(message: "--concurrency needs a number from 1 to 64, not '\(raw)'")
        }
        concurrency = n
      }
      companyIdGiven = args.value("--company-id") != nil
      dryRun = args.has("--dry-run")
      reportPath = args.value("--report")
      do {
        var mapping = SyncMapping.builtIn
        if let path = args.value("--mapping") { mapping = try SyncMapping.load(path: path) }
        if let id = args.value("--legal-entity-id") {
          mapping.legalEntityId = try SyncMapping.validatedLegalEntityId(id)
        }
        self.mapping = mapping
      } catch {
        throw CommandError(message: error.description)
      }
      if let path = args.value("--state") {
        try Options.checkWritable(path, option: "--state")
        stateFile = URL(fileURLWithPath: path)
      } else {
        stateFile = URL(fileURLWithPath: "/")
      }
      do {
        credentials = try CredentialsLoader.load(
          file: args.value("--credentials-file"), environment: environment)
      } catch {
        throw CommandError(message: error.description)
      }
      guard let token = environment[SyncCommand.remoteTokenVariable], !token.isEmpty else {
        throw CommandError(
          message: "no Remote token: set \(SyncCommand.remoteTokenVariable) (a Remote API token)")
      }
      remoteToken = token
      if args.value("--state") == nil {
        stateFile = SyncStatePaths.defaultStateFile(
          hibobBaseURL: target.baseURL.absoluteString, serviceUserId: credentials.serviceUserId,
          environment: environment)
      }
    }

    static func remoteURL(_ args: ParsedArguments) throws -> URL {
      if let raw = args.value("--remote-base-url") {
        do {
          return try RemoteHost.validatedBaseURL(raw)
        } catch {
          throw UsageError(message: "--remote-base-url: \(error)")
        }
      }
      let name = args.value("--remote-environment") ?? "production"
      guard let environment = RemoteHost.Environment(rawValue: name) else {
        throw UsageError(message: "unknown Remote environment '\(name)' (production or sandbox)")
      }
      return environment.baseURL
    }
  }
}

/// The exit code of the latest round of `--every`.
private final class LastExit: @unchecked Sendable {
  private let lock = NSLock()
  private var code: Int32 = 0

  func set(_ value: Int32) {
    lock.lock()
    code = value
    lock.unlock()
  }

  var value: Int32 {
    lock.lock()
    defer { lock.unlock() }
    return code
  }
}
