import Common
import Foundation
import HibobAPI
import PermissionRules

/// Runs one check: the offline credentials rule, field metadata, then every other probe at once,
/// then the rules, the diagnosis and the report. Never throws: whatever goes wrong becomes an
/// `error` result in the report.
public enum PreflightRunner {
  public static func run(_ settings: CheckSettings) async -> CheckOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    var observations = Observations(
      environment: settings.environment,
      credentialProblems: CredentialsFormat.problems(
        serviceUserId: settings.credentials.serviceUserId, token: settings.credentials.token),
      readOnly: settings.readOnly)
    // The deadline runs on the real clock: `settings.now` only stamps the report.
    let budget = RunBudget(deadline: Date().addingTimeInterval(settings.deadline))
    if observations.credentialProblems.isEmpty {
      let client = HibobClient(
        baseURL: settings.baseURL, credentials: settings.credentials,
        transport: settings.transport, policy: settings.retryPolicy, budget: budget,
        timeout: settings.timeout)
      await ProbeSession(client: client, readOnly: settings.readOnly).observe(&observations)
    }
    let elapsed = clock.now - start
    let report = makeReport(
      observations, settings: settings, stats: budget.stats,
      durationMs: Int(elapsed.components.seconds * 1000)
        + Int(elapsed.components.attoseconds / 1_000_000_000_000_000))
    return CheckOutcome(report: report, observations: observations)
  }

  /// Evaluates observations into a report (also used to replay a recording offline).
  public static func makeReport(
    _ observations: Observations, settings: CheckSettings, stats: RunStats, durationMs: Int
  ) -> Report {
    let results = Catalogue.evaluate(observations)
    let diagnosis = Catalogue.diagnose(results, observations)
    let target = Report.Target(
      baseURL: settings.baseURL.absoluteString, environment: settings.environment.rawValue,
      serviceUserId: reportableId(settings.credentials),
      tokenSHA256Prefix: settings.credentials.token.isEmpty
        ? nil : SHA256.prefix(settings.credentials.token),
      readOnly: settings.readOnly)
    let builder = ReportBuilder(
      toolVersion: settings.toolVersion, rulesVersion: Catalogue.rulesVersion, clock: settings.now)
    return builder.build(
      results: results, diagnosis: diagnosis, manualChecks: Catalogue.manualChecks,
      target: target,
      requests: Report.Requests(
        count: stats.requests, retries: stats.retries, rateLimited: stats.rateLimitedAnswers,
        durationMs: durationMs),
      strict: settings.strict)
  }

  /// The service user id as the report may show it: never when it is empty or equals the token
  /// (then it is the secret).
  static func reportableId(_ credentials: Credentials) -> String? {
    let id = credentials.serviceUserId
    if id.isEmpty || id == credentials.token { return nil }
    return id
  }
}
