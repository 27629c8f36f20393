import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight

/// `check`: probe the tenant, print or write the report, exit 0/1/2/3 by verdict.
enum CheckCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    let interrupt = CheckInterrupt.install()
    defer { withExtendedLifetime(interrupt) {} }
    let format = try parseFormat(args.value("--format"))
    try refuseFormatAsOutput(args)
    let color = try Console.useColor(args, environment: environment)
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
      let (recorded, recording) = await Progress.check(settings) {
        await PreflightRunner.record($0)
      }
      outcome = recorded
      try SupportIO.writeRecording(recording, to: record, credentials: credentials)
    } else {
      outcome = await Progress.check(settings) { await PreflightRunner.run($0) }
    }
    // end support
    try emit(
      outcome.report, format: format, output: output, color: color,
      width: Console.width(environment: environment))
    return exitCode(for: outcome.report.verdict)
  }

  /// `--output json` without `--format` writes a text report to a file named `json`: almost
  /// always `--format json` was meant. Refused with that hint (`--output ./json` writes the file).
  static func refuseFormatAsOutput(_ args: ParsedArguments) throws(UsageError) {
    guard let output = args.value("--output"), args.value("--format") == nil,
      CommandTable.reportFormats.contains(output.lowercased())
    else { return }
    throw UsageError(
      message:
        "--output \(output) would write a text report to a file named '\(output)'; "
        + "did you mean --format \(output.lowercased())? (for that file, say --output ./\(output))")
  }

  /// Prints the report, or writes it atomically to `output` and prints the summary line on stderr.
  /// `width` wraps the text report printed to a terminal; a file is never wrapped or coloured.
  static func emit(
    _ report: Report, format: ReportFormat, output: String?, color: Bool, width: Int? = nil
  ) throws {
    if let output {
      let text = try format.render(report, color: false)
      do {
        try AtomicFile.write(Data(text.utf8), to: output)
      } catch {
        throw CommandError(message: "cannot write \(output): \(error)")
      }
      Console.err(report.summaryLine() + "\n")
    } else {
      Console.out(try format.render(report, color: color, width: width))
    }
  }

  static func parseFormat(_ value: String?) throws(UsageError) -> ReportFormat {
    guard let value else { return .text }
    guard let format = ReportFormat(rawValue: value) else {
      let names = ReportFormat.allCases.map(\.rawValue)
      let hint = Suggest.closest(to: value, among: names).map { "; did you mean \($0)?" } ?? ""
      throw UsageError(
        message: "unknown format '\(value)' (\(names.joined(separator: ", ")))\(hint)")
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
