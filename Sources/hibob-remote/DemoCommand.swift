import CLISupport
import Common
import Foundation
import HibobAPI
import Preflight
import RemoteSync
import Simulator

/// `demo`: a simulated tenant inside this process, checked by the real client over loopback.
/// No credentials, no network. Exits 0 when the demo ran, whatever the tenant's verdict.
enum DemoCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    if args.has("--list-scenarios") {
      var text = "scenarios (hibob-remote demo --scenario NAME):\n"
      for scenario in DemoScenario.all {
        let mark = scenario.name == DemoScenario.defaultName ? " (default)" : ""
        text += "  \(scenario.name)\(mark)\n      \(scenario.summary)\n"
      }
      Console.out(text)
      return ExitCode.ok
    }
    let name = args.value("--scenario") ?? DemoScenario.defaultName
    guard let scenario = DemoScenario.named(name) else {
      let names = DemoScenario.all.map(\.name).joined(separator: ", ")
      throw UsageError(message: "unknown scenario '\(name)' (one of: \(names))")
    }
    let format = try CheckCommand.parseFormat(args.value("--format"))
    let color = try Console.useColor(args, environment: environment)
    let width = Console.width(environment: environment)
    let hibob = try SimulateCommand.serve { try SimulatedHibob.start(tenant: scenario.tenant) }
    defer { hibob.stop() }
    let settings = CheckSettings(
      baseURL: hibob.baseURL, environment: .custom,
      credentials: Credentials(
        serviceUserId: scenario.tenant.serviceUser.id, token: scenario.tokenSent),
      deadline: 60, toolVersion: toolVersion)
    let intro =
      paragraph(
        "demo: a simulated Hibob tenant of \(scenario.tenant.employees.count) made-up people "
          + "on \(hibob.baseURL.absoluteString), checked by the real client.", width: width)
      + paragraph("scenario '\(scenario.name)': \(scenario.summary)", width: width) + "\n"
    if scenario.syncsToRemote {
      Console.out(intro)
      return try await syncDemo(scenario, hibob: hibob, settings: settings)
    }
    let outcome = await Progress.check(settings) { await PreflightRunner.run($0) }
    let report = try format.render(outcome.report, color: color, width: width)
    if format == .text {
      Console.out(intro + report)
      Console.out(
        "\n" + paragraph("what to do: \(scenario.lesson)", width: width)
          + paragraph(
            "next: `hibob-remote demo --list-scenarios` for other mistakes; "
              + "`hibob-remote check --help` to check your own tenant.", width: width))
    } else {
      Console.err(intro)
      Console.out(report)
    }
    return ExitCode.ok
  }

  /// `text` wrapped to the terminal's width (one line when not a terminal), with a new line.
  static func paragraph(_ text: String, width: Int?) -> String {
    TextWrap.wrap(text, width: width, indent: "  ").joined(separator: "\n") + "\n"
  }

  /// Check, gate, a dry run and two syncs end to end: a simulated Remote in the process (the
  /// second round sends no write), the state file in a temporary folder removed afterwards.
  static func syncDemo(
    _ scenario: DemoScenario, hibob: SimulatedHibob, settings: CheckSettings
  ) async throws -> Int32 {
    let remote = SimulatedRemote()
    let remoteURL = try SimulateCommand.serve { try remote.start() }
    defer { remote.stop() }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let gate = ClosureGate {
      let report = await PreflightRunner.run(settings).report
      Console.out("gate: the check ran first: \(report.summaryLine())\n")
      return GateDecision(report: report)
    }
    let mapping: SyncMapping
    do {
      mapping = try SyncMapping.parse(Data(RemoteForms.constantsMapping.utf8))
    } catch {
      throw CommandError(message: error.description)
    }
    let steps: [(String, Bool)] = [
      ("dry run (data readiness: GET only, nothing written)", true),
      ("sync round 1", false), ("sync round 2", false),
    ]
    for (title, dryRun) in steps {
      let before = remote.requestLog.count
      let client = RemoteClient(
        baseURL: remoteURL, token: RemoteSimulatorConfiguration().token,
        transport: URLSessionTransport())
      let hibobClient = HibobClient(
        baseURL: settings.baseURL, credentials: settings.credentials,
        transport: URLSessionTransport())
      let engine = SyncEngine(
        gate: gate, source: HibobSyncSource(client: hibobClient), remote: client,
        stateFile: folder.appendingPathComponent("state.json"),
        options: SyncOptions(dryRun: dryRun, mapping: mapping))
      Console.out("\n\(title), simulated Remote on \(remoteURL.absoluteString):\n")
      let result: SyncRunResult
      do {
        result = try await engine.run()
      } catch {
        throw CommandError(message: error.description)
      }
      Console.out(result.text())
      let writes = remote.requestLog.dropFirst(before).filter { $0.method != "GET" }.count
      Console.out(
        "Remote now holds \(remote.employments.count) employments; this step sent "
          + "\(writes) writes.\n")
    }
    Console.out("\nwhat to do: \(scenario.lesson)\n")
    return ExitCode.ok
  }
}
