import Foundation
import HibobAPI
import PermissionRules
import Synchronization

/// Answers each request from a recording: the exchange with the same method, path, query and
/// body (JSON compared as values); a request made several times gets the recorded answers in
/// order, then the last of them again (a retry the recorded run did not get to make, because its
/// deadline or waits ran out, sees what the others saw). A request the recording never saw fails
/// as a connection failure naming the method and path, which the runner turns into `error` for
/// the rules that needed it.
public final class ReplayTransport: HTTPTransport {
  private let exchanges: [Recording.Exchange]
  private let used: Mutex<(used: Set<Int>, last: [String: Int])>

  public init(_ recording: Recording) {
    exchanges = recording.exchanges
    used = Mutex((used: [], last: [:]))
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let target = Recording.target(of: request.url)
    let body = Recording.Body.from(request.body)
    let key =
      request.method + " " + target + " " + String(decoding: body?.data ?? Data(), as: UTF8.self)
    let index = used.withLock { state -> Int? in
      let match = exchanges.indices.first { index in
        !state.used.contains(index) && exchanges[index].method == request.method
          && exchanges[index].target == target && exchanges[index].requestBody == body
      }
      guard let match else { return state.last[key] }
      state.used.insert(match)
      state.last[key] = match
      return match
    }
    guard let index else {
      let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
      throw TransportError.connectionFailed(
        "the recording has no answer for \(request.method) \(path)")
    }
    let exchange = exchanges[index]
    if let failure = exchange.failure { throw failure.transportError }
    guard let response = exchange.response else {
      throw TransportError.connectionFailed("the recording has no answer")
    }
    return HTTPResponse(
      status: response.status, headers: response.headers, body: response.body?.data ?? Data())
  }

  /// How many recorded exchanges were not asked for (a sign that the tools differ).
  public var unusedCount: Int { used.withLock { exchanges.count - $0.used.count } }
}

/// Offline evaluation of a recording.
public enum Replay {
  /// Credentials a replay (and `simulate --recording`) can use; they pass `credentials.format`.
  public static let placeholderServiceUserId = "SERVICE-USER-REPLAY"
  public static let placeholderToken = "replay-placeholder-token-not-a-secret"

  /// Replays `recording` and returns the outcome; its report carries the recorded target and
  /// time (`generated_at` is `recorded_at`) and says `"source": "replay"`.
  public static func run(
    _ recording: Recording, toolVersion: String, strict: Bool = false,
    now: @escaping @Sendable () -> Date = { Date() }
  ) async throws(RecordingError) -> CheckOutcome {
    guard
      let settings = PreflightRunner.replay(
        recording, toolVersion: toolVersion, strict: strict, now: now)
    else {
      throw .damaged(path: "the recording", detail: "the target's base_url is not a URL")
    }
    var outcome: CheckOutcome
    if recording.credentialProblems.isEmpty {
      outcome = await PreflightRunner.run(settings)
    } else {
      // The recorded run stopped at the offline credentials rule: so does the replay.
      let observations = Observations(
        environment: settings.environment, credentialProblems: recording.credentialProblems,
        readOnly: settings.readOnly)
      outcome = CheckOutcome(
        report: PreflightRunner.makeReport(
          observations, settings: settings, stats: RunStats(), durationMs: 0),
        observations: observations)
    }
    // A replay is not a live check: it says so, and it carries the recorded run's time, so
    // that nothing (the sync's gate above all) takes it for a fresh look at the tenant.
    outcome.report.source = .replay
    outcome.report.generatedAt = recording.recordedAt
    outcome.report.target = Report.Target(
      baseURL: recording.target.baseURL, environment: recording.target.environment,
      serviceUserId: recording.target.serviceUserId,
      tokenSHA256Prefix: recording.target.tokenSHA256Prefix, readOnly: recording.target.readOnly)
    return outcome
  }
}
