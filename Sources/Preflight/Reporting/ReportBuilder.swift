import Common
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
    return Report(
      tool: Report.Tool(version: toolVersion),
      rulesVersion: rulesVersion,
      generatedAt: UTCDate.timestamp(clock()),
      target: target,
      verdict: Report.verdict(of: results, strict: strict),
      summary: Report.Summary(counting: results),
      results: results,
      diagnosis: diagnosis,
      manualChecks: manualChecks,
      requests: requests)
  }
}
