import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator

/// Recording and replay plumbing shared by `check --record/--replay`, `simulate --recording` and
/// `bundle`.
enum SupportIO {
  /// Reads a recording; any problem is one line, exit 2.
  static func loadRecording(_ path: String) throws -> Recording {
    do {
      return try Recording.read(path: path)
    } catch {
      throw CommandError(message: error.description)
    }
  }

  static func loadReport(_ path: String) throws -> Report {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CommandError(message: "cannot read the report \(path)")
    }
    do {
      return try Report.decode(data)
    } catch {
      throw CommandError(message: "\(path): \(error)")
    }
  }

  /// Scans the recording for the token and personal-data patterns, then writes it atomically.
  static func writeRecording(_ recording: Recording, to path: String, credentials: Credentials)
    throws
  {
    let data = recording.encoded()
    let scanner = LeakScanner(token: credentials.token, serviceUserId: credentials.serviceUserId)
    if let leak = scanner.scan(data, file: path) {
      throw CommandError(message: leak.description)
    }
    do {
      try AtomicFile.write(data, to: path)
    } catch {
      throw CommandError(message: "cannot write \(path): \(error)")
    }
  }

  static func replay(_ recording: Recording, strict: Bool) async throws -> CheckOutcome {
    do {
      return try await Replay.run(recording, toolVersion: toolVersion, strict: strict)
    } catch {
      throw CommandError(message: error.description)
    }
  }

  /// `check --replay PATH`: the recording decides the target; format, output and strict apply.
  static func replayCheck(
    _ args: ParsedArguments, path: String, format: ReportFormat, environment: [String: String]
  ) async throws -> Int32 {
    if args.value("--record") != nil {
      throw UsageError(message: "give --record or --replay, not both")
    }
    for option in ["--environment", "--base-url", "--credentials-file", "--timeout", "--deadline"]
    where args.value(option) != nil {
      throw UsageError(message: "\(option) cannot be used with --replay: the recording decides")
    }
    if args.has("--read-only") {
      throw UsageError(message: "--read-only cannot be used with --replay: the recording decides")
    }
    try CheckCommand.refuseFormatAsOutput(args)
    let color = try Console.useColor(args, environment: environment)
    let output = args.value("--output")
    if let output { try Options.checkWritable(output) }
    let recording = try loadRecording(path)
    let outcome = try await replay(recording, strict: args.has("--strict"))
    if recording.rulesVersion != Catalogue.rulesVersion {
      Console.err(
        "note: recorded by hibob-remote \(recording.toolVersion) under rules "
          + "\(recording.rulesVersion); evaluated under rules \(Catalogue.rulesVersion)\n")
    }
    try CheckCommand.emit(
      outcome.report, format: format, output: output, color: color,
      width: Console.width(environment: environment))
    return CheckCommand.exitCode(for: outcome.report.verdict)
  }

  /// A request body in the form recordings store: compact JSON with sorted keys, else as sent.
  @Sendable static func canonicalBody(_ data: Data) -> Data {
    guard let value = try? JSONParser.parse(data) else { return data }
    return value.serialized()
  }

  /// The recording's exchanges as the loopback server answers them.
  static func servedExchanges(_ recording: Recording) -> [RecordedExchange] {
    recording.exchanges.map { exchange in
      RecordedExchange(
        method: exchange.method, target: exchange.target,
        requestBody: exchange.requestBody?.data, status: exchange.response?.status,
        headers: (exchange.response?.headers ?? [:]).sorted { $0.key < $1.key }.map {
          ($0.key, $0.value)
        },
        body: exchange.response?.body?.data ?? Data())
    }
  }
}
