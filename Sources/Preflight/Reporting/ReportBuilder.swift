import Foundation
import PermissionRules

/// Builds a ``Report`` from the rules' results. Everything that varies run to run (the clock,
/// the tool version) is injected, so the same inputs give the same bytes.
public struct ReportBuilder: Sendable {
  /// The version `tool.version` shows, e.g. `0.1.0`.
  public var toolVersion: String
  /// The catalogue's short hash (8 lower-case hex digits).
  public var rulesVersion: String
  /// The time `generated_at` shows; truncated to whole seconds, written in UTC.
  public var clock: @Sendable () -> Date

  public init(
    toolVersion: String, rulesVersion: String, clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.toolVersion = toolVersion
    self.rulesVersion = rulesVersion
    self.clock = clock
  }

  /// The report of one run. Results keep the order given (the catalogue's); the verdict follows
  /// ``Report/verdict(of:strict:)`` and the summary counts the results.
  public func build(
    results: [RuleResult], diagnosis: [DiagnosisItem], manualChecks: [ManualCheck],
    target: Report.Target, requests: Report.Requests, strict: Bool
  ) -> Report {
    let rows = results.map(Report.Result.init)
    return Report(
      tool: Report.Tool(version: toolVersion),
      rulesVersion: rulesVersion,
      generatedAt: Self.timestamp(clock()),
      target: target,
      verdict: Report.verdict(of: rows, strict: strict),
      summary: Report.Summary(counting: rows),
      results: rows,
      diagnosis: diagnosis.map {
        Report.Diagnosis(cause: $0.cause, rules: $0.rules, remediation: $0.remediation)
      },
      manualChecks: manualChecks.map { Report.Manual(step: $0.step, text: $0.text) },
      requests: requests)
  }

  /// `date` as ISO 8601 in UTC, whole seconds (truncated): `2026-11-24T16:00:00Z`.
  public static func timestamp(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = (seconds >= 0 ? seconds : seconds - 86_399) / 86_400
    let secs = seconds - days * 86_400
    let (y, m, d) = civilDate(daysSinceEpoch: days)
    let hh = secs / 3600
    let mm = secs % 3600 / 60
    let ss = secs % 60
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z"
  }

  private static func pad(_ n: Int64, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }

  /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
  private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
