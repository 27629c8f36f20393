import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight

/// `check`: probe the tenant, print or write the report, exit 0/1/2/3 by verdict.
enum CheckCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    let format = try parseFormat(args.value("--format"))
    // support: --replay evaluates a recording offline (see BundleCommand.swift).
    if let replay = args.value("--replay") {
      return try await SupportIO.replayCheck(
        args, path: replay, format: format, environment: environment)
    }
    let target = try Target.resolve(args)
    let timeout = try Options.seconds(args, "--timeout", default: 30)
    let deadline = try Options.seconds(args, "--deadline", default: 120)
    let output = args.value("--output")
    if let output { try Options.checkWritable(output) }
    let credentials: Credentials
    do {
      credentials = try CredentialsLoader.load(
        file: args.value("--credentials-file"), environment: environment)
    } catch {
      throw CommandError(message: error.description)
    }
    let settings = CheckSettings(
      baseURL: target.baseURL, environment: target.environment, credentials: credentials,
      readOnly: args.has("--read-only"), strict: args.has("--strict"), timeout: timeout,
      deadline: deadline, toolVersion: toolVersion)
    // support: --record saves the run's redacted exchanges (see BundleCommand.swift).
    let record = args.value("--record")
    if let record { try Options.checkWritable(record, option: "--record") }
    let outcome: CheckOutcome
    if let record {
      let (recorded, recording) = await PreflightRunner.record(settings)
      outcome = recorded
      try SupportIO.writeRecording(recording, to: record, credentials: credentials)
    } else {
      outcome = await PreflightRunner.run(settings)
    }
    // end support
    try emit(
      outcome.report, format: format, output: output,
      color: Console.useColor(noColorFlag: args.has("--no-color"), environment: environment))
    return exitCode(for: outcome.report.verdict)
  }

  /// Prints the report, or writes it atomically to `output` and prints the summary line on stderr.
  static func emit(_ report: Report, format: ReportFormat, output: String?, color: Bool) throws {
    if let output {
      let text = try format.render(report, color: false)
      do {
        try AtomicFile.write(Data(text.utf8), to: output)
      } catch {
        throw CommandError(message: "cannot write \(output): \(error)")
      }
      Console.err(report.summaryLine() + "\n")
    } else {
      Console.out(try format.render(report, color: color))
    }
  }

  static func parseFormat(_ value: String?) throws(UsageError) -> ReportFormat {
    guard let value else { return .text }
    guard let format = ReportFormat(rawValue: value) else {
      throw UsageError(message: "unknown format '\(value)' (text, json, junit or markdown)")
    }
    return format
  }

  static func exitCode(for verdict: Verdict) -> Int32 {
    switch verdict {
    case .pass: return ExitCode.ok
    case .fail: return ExitCode.failed
    case .inconclusive: return ExitCode.inconclusive
    }
  }
}
