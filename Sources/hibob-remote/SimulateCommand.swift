import CLISupport
import Foundation
import Simulator

/// `simulate`: serve a simulated tenant (or Remote account) on loopback until SIGINT/SIGTERM.
enum SimulateCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    let port = try Options.port(args)
    let sources = [
      args.value("--tenant") != nil, args.has("--remote"), args.value("--recording") != nil,
    ]
    guard sources.filter({ $0 }).count == 1 else {
      throw UsageError(message: "give exactly one of --tenant FILE, --recording PATH or --remote")
    }
    let trap = SignalTrap()
    if let path = args.value("--tenant") {
      let tenant: Tenant
      do {
        tenant = try Tenant.load(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw CommandError(message: "\(path): \(error)")
      }
      let hibob = try serve { try SimulatedHibob.start(tenant: tenant, port: port) }
      defer { hibob.stop() }
      Console.out("\(hibob.baseURL.absoluteString)\n")
      Console.err(
        "serving a simulated Hibob tenant (service user \(tenant.serviceUser.id)) until "
          + "SIGINT or SIGTERM\n")
      _ = await trap.wait()
      return ExitCode.ok
    }
    if args.has("--remote") {
      // The simulated account accepts REMOTE_API_TOKEN when it is set (so the same shell can run
      // `sync` against it), else the public test token.
      let configured = environment[SyncCommand.remoteTokenVariable].flatMap {
        $0.isEmpty ? nil : $0
      }
      let remote = SimulatedRemote(
        configuration: RemoteSimulatorConfiguration(
          token: configured ?? RemoteSimulatorConfiguration().token))
      let url = try serve { try remote.start(port: port) }
      defer { remote.stop() }
      Console.out("\(url.absoluteString)\n")
      Console.err(
        "serving an empty simulated Remote account until SIGINT or SIGTERM; it accepts "
          + (configured == nil
            ? "REMOTE_API_TOKEN=\(RemoteSimulatorConfiguration().token) (a test token)\n"
            : "the REMOTE_API_TOKEN of this environment\n"))
      _ = await trap.wait()
      return ExitCode.ok
    }
    // support: --recording serves a recorded check (see BundleCommand.swift).
    if let path = args.value("--recording") {
      let recording = try SupportIO.loadRecording(path)
      let served = try serve {
        try RecordedHibob.start(
          exchanges: SupportIO.servedExchanges(recording),
          basePath: URL(string: recording.target.baseURL)?.path ?? "/v1", port: port,
          canonicalize: SupportIO.canonicalBody)
      }
      defer { served.stop() }
      Console.out("\(served.baseURL.absoluteString)\n")
      Console.err(
        "serving a recording of hibob-remote \(recording.toolVersion) "
          + "(\(recording.exchanges.count) exchanges; any credentials are accepted) until "
          + "SIGINT or SIGTERM\n")
      _ = await trap.wait()
      return ExitCode.ok
    }
    // end support
    throw UsageError(message: "give exactly one of --tenant FILE, --recording PATH or --remote")
  }

  /// Starts a server, turning a bind failure into a one-line error.
  static func serve<Server>(_ start: () throws -> Server) throws -> Server {
    do {
      return try start()
    } catch {
      throw CommandError(message: "cannot serve: \(error)")
    }
  }
}

extension Options {
  /// `--port N`: 0...65535, 0 (the default) picks a free port.
  static func port(_ args: ParsedArguments) throws -> Int {
    guard let raw = args.value("--port") else { return 0 }
    guard let port = Int(raw), (0...65_535).contains(port) else {
      throw UsageError(message: "--port needs a number from 0 to 65535, not '\(raw)'")
    }
    return port
  }
}
