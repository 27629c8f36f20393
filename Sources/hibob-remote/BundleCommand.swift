import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator

/// `bundle`: one directory for a support ticket (report.json, report.md, recording.json,
/// manifest.json), scanned for the token and personal data before anything is written.
/// Exit 0 when the bundle is written (the verdict is inside it), 2 when it is refused.
enum BundleCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    let reportPath = args.value("--report")
    let recordingPath = args.value("--recording")
    let runsCheck = reportPath == nil && recordingPath == nil
    if !runsCheck {
      for option in ["--environment", "--base-url", "--credentials-file", "--timeout"]
      where args.value(option) != nil {
        throw UsageError(
          message: "\(option) only applies when bundle runs the check (no --report or --recording)")
      }
      if args.has("--read-only") {
        throw UsageError(
          message:
            "--read-only only applies when bundle runs the check (no --report or --recording)")
      }
    }
    let createdAt = UTCDate.timestamp(Date())
    let output = args.value("--output") ?? Self.freeDefaultName(createdAt: createdAt)
    // Given files are read first, so their errors are not hidden behind this one.
    let recording = try recordingPath.map { try SupportIO.loadRecording($0) }
    let report = try reportPath.map { try SupportIO.loadReport($0) }
    if FileManager.default.fileExists(atPath: output) {
      throw CommandError(message: BundleError.exists(output).description)
    }

    var credentials: Credentials?
    let bundle: SupportBundle
    if runsCheck {
      let target = try Target.resolve(args)
      let timeout = try Options.seconds(args, "--timeout", default: 30)
      let loaded: Credentials
      do {
        loaded = try CredentialsLoader.load(
          file: args.value("--credentials-file"), environment: environment)
      } catch {
        throw CommandError(message: error.description)
      }
      credentials = loaded
      let settings = CheckSettings(
        baseURL: target.baseURL, environment: target.environment, credentials: loaded,
        readOnly: args.has("--read-only"), timeout: timeout, toolVersion: toolVersion)
      let (outcome, recording) = await PreflightRunner.record(settings)
      bundle = SupportBundle(
        report: outcome.report, recording: recording, source: "check", toolVersion: toolVersion,
        createdAt: createdAt)
    } else {
      // The token, when the environment has it, is scanned for too.
      credentials = try? CredentialsLoader.load(file: nil, environment: environment)
      if let report {
        bundle = SupportBundle(
          report: report, recording: recording, source: "report",
          toolVersion: toolVersion, createdAt: createdAt)
      } else if let recording {
        let outcome = try await SupportIO.replay(recording, strict: false)
        bundle = SupportBundle(
          report: outcome.report, recording: recording, source: "replay",
          toolVersion: toolVersion, createdAt: createdAt)
      } else {
        return ExitCode.usage
      }
    }
    do {
      try bundle.write(
        to: output,
        scanner: LeakScanner(token: credentials?.token, serviceUserId: credentials?.serviceUserId))
    } catch let error as BundleError {
      throw CommandError(message: error.description)
    }
    Console.out(output + "\n")
    Console.err(bundle.report.summaryLine() + "\n")
    return ExitCode.ok
  }

  /// `hibob-remote-bundle-<timestamp>`, with `-2`, `-3`... when one was made the same second.
  static func freeDefaultName(createdAt: String) -> String {
    let base = SupportBundle.defaultName(createdAt: createdAt)
    var name = base
    var n = 1
    while FileManager.default.fileExists(atPath: name) {
      n += 1
      name = "\(base)-\(n)"
    }
    return name
  }
}
