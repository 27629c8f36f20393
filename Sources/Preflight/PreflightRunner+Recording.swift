import Foundation
import HibobAPI
import PermissionRules

extension PreflightRunner {
  /// Runs the check through a `RecordingTransport` around `settings.transport` and returns the
  /// outcome with its recording.
  public static func record(_ settings: CheckSettings) async -> (CheckOutcome, Recording) {
    let recorder = RecordingTransport(wrapping: settings.transport)
    var recorded = settings
    recorded.transport = recorder
    let outcome = await run(recorded)
    return (outcome, recorder.recording(of: settings, recordedAt: outcome.report.generatedAt))
  }
}

extension PreflightRunner {
  /// Evaluates a recording offline: the same runner, answered by a `ReplayTransport`, with the
  /// recording's base URL, environment, service user and read-only setting, and a placeholder
  /// token (the customer's is never needed). Retries do not wait. The report's target is the
  /// recorded one (its token prefix included).
  public static func replay(
    _ recording: Recording, toolVersion: String, strict: Bool = false,
    now: @escaping @Sendable () -> Date = { Date() }
  ) -> CheckSettings? {
    guard let baseURL = URL(string: recording.target.baseURL) else { return nil }
    let environment = PermissionRules.Environment(rawValue: recording.target.environment) ?? .custom
    let policy = RetryPolicy(
      jitter: { 0.5 }, clock: HibobClock(now: now, sleep: { _ in }))
    return CheckSettings(
      baseURL: baseURL, environment: environment,
      credentials: Credentials(
        serviceUserId: recording.target.serviceUserId ?? Replay.placeholderServiceUserId,
        token: Replay.placeholderToken),
      readOnly: recording.target.readOnly, strict: strict, timeout: 30, deadline: 3600,
      toolVersion: toolVersion, transport: ReplayTransport(recording), retryPolicy: policy,
      now: now)
  }
}
