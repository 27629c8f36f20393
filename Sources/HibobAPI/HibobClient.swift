import Foundation
import Synchronization

/// The Hibob API client. One instance per run: it holds the run's budget and the people-search
/// rate limiter. After a 401 it sends nothing more: later calls fail with `.unauthorized` and a
/// record of 0 attempts. Every endpoint returns its value with the `CallRecord`s of the calls it made,
/// and every `HibobAPIError` carries them too.
public final class HibobClient: Sendable {
  public let baseURL: URL
  public let policy: RetryPolicy
  public let budget: RunBudget
  /// Per-request timeout in seconds (shortened to what is left before the run's deadline).
  public let timeout: Double
  let credentials: Credentials
  let transport: any HTTPTransport
  let searchLimiter: SlidingWindowLimiter
  /// Set by the first 401: Hibob's firewall blocks a header after 50 401s in 10 s, so once the
  /// credentials are refused this client sends nothing more.
  let refused = Mutex(false)

  /// - Parameters:
  ///   - baseURL: e.g. `HibobHost.production.baseURL` or a URL checked by
  ///     `HibobHost.validatedBaseURL(_:)`.
  ///   - searchRateLimit: the client-side limit on `POST /people/search` (50 a minute).
  public init(
    baseURL: URL, credentials: Credentials, transport: any HTTPTransport = URLSessionTransport(),
    policy: RetryPolicy = .default, budget: RunBudget = RunBudget(), timeout: Double = 30,
    searchRateLimit: RateLimit = .peopleSearch
  ) {
    self.baseURL = baseURL
    self.credentials = credentials
    self.transport = transport
    self.policy = policy
    self.budget = budget
    self.timeout = timeout
    self.searchLimiter = SlidingWindowLimiter(rate: searchRateLimit, clock: policy.clock)
  }

  /// The run's counts so far.
  public var stats: RunStats { budget.stats }
}

extension HibobClient {
  /// The largest answer the client reads, in bytes (256 MB): about 100,000 employees' search
  /// answer at ~2.5 KB each (docs/BENCHMARKS.md measures 123.5 MB for 50,000). Past it the
  /// answer is `invalidResponse`, never evaluated: memory stays bounded whatever a server sends.
  public static let maxResponseBytes = 256_000_000
  /// An answer larger than this must be explained by what it holds (see `maxBytesPerItem`).
  public static let unexplainedBytes = 1_000_000
  /// The most one employee, field or list item may account for in an answer [assumed: an
  /// employee of 400 fields stays far below it]. A 100 MB search answer listing no employee is
  /// a padded or broken body, not "no employee visible".
  public static let maxBytesPerItem = 256_000

  /// The error for a body too large for the `items` it holds, or nil.
  static func unexplainedSize(_ bytes: Int, items: Int) -> HibobAPIError.Kind? {
    guard bytes > unexplainedBytes, bytes > maxBytesPerItem * (items + 1) else { return nil }
    return .invalidResponse(
      "the answer is \(bytes / 1_000_000) MB for \(items) item(s): far more than they explain")
  }
}

/// One call the client is about to make.
struct Endpoint: Sendable {
  var method: String
  /// Path segments below the base URL, not yet percent-encoded.
  var segments: [String]
  var query: [URLQueryItem] = []
  var body: JSONValue? = nil
  /// The path as recorded in evidence; defaults to the joined segments.
  var recordPath: String? = nil
  /// Whether the people-search limiter applies.
  var searchLimited = false

  var evidencePath: String { recordPath ?? "/" + segments.joined(separator: "/") }
}

extension HibobClient {
  /// The base URL's path without a trailing slash (`/v1`), the prefix of every evidence path.
  var basePath: String {
    var path = baseURL.path
    while path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// Builds the URL with URLComponents: the base path plus each segment percent-encoded.
  func url(for endpoint: Endpoint) throws(HibobAPIError) -> URL {
    guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
      throw HibobAPIError(.invalidResponse("the base URL cannot be used"))
    }
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "/;?#")
    var path = components.percentEncodedPath
    while path.hasSuffix("/") { path.removeLast() }
    for segment in endpoint.segments {
      path += "/" + (segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment)
    }
    components.percentEncodedPath = path
    components.queryItems = endpoint.query.isEmpty ? nil : endpoint.query
    guard let url = components.url else {
      throw HibobAPIError(.invalidResponse("could not build the request URL"))
    }
    return url
  }

  /// Sends `endpoint` with retries as `policy` says, and returns the final HTTP response with
  /// the call's record. Statuses that are not retried come back as they are, for the caller to
  /// interpret.
  ///
  /// Throws `.rateLimited` when 429s outlast the retries, `.http(5xx)` when server errors do,
  /// `.transport` when no answer came, `.deadline` when the run's deadline passed first, and
  /// `.unauthorized` without sending when an earlier call got a 401.
  func send(_ endpoint: Endpoint) async throws(HibobAPIError) -> (HTTPResponse, CallRecord) {
    // Evidence names the path as sent, the base URL's `/v1` included (`/v1/people/search`).
    var endpoint = endpoint
    endpoint.recordPath = basePath + endpoint.evidencePath
    var progress = CallProgress(endpoint: endpoint)
    var request: HTTPRequest
    do {
      request = HTTPRequest(method: endpoint.method, url: try url(for: endpoint))
    } catch {
      throw progress.failure(error.kind)
    }
    request.headers["Authorization"] = credentials.authorizationHeader
    request.headers["Accept"] = "application/json"
    if let body = endpoint.body {
      request.body = body.serialized()
      request.headers["Content-Type"] = "application/json"
    }

    while true {
      if refused.withLock({ $0 }) { throw progress.failure(.unauthorized) }
      request.timeout = try await waitForTurn(endpoint, progress: progress)
      progress.attempts += 1
      budget.recordRequest()

      let (retryKind, wait): (HibobAPIError.Kind, Double)
      switch await attempt(request, progress: &progress) {
      case .answered(let response): return (response, progress.record())
      case .stop(let kind): throw progress.failure(kind)
      case .retry(let kind, let seconds): (retryKind, wait) = (kind, seconds)
      }

      guard progress.attempts < policy.maxAttemptsPerCall else {
        throw progress.failure(retryKind)
      }
      if let deadline = budget.deadline, policy.clock.now().addingTimeInterval(wait) >= deadline {
        throw progress.failure(retryKind)
      }
      guard budget.reserveRetry(limit: policy.maxRetriesPerRun) else {
        throw progress.failure(retryKind)
      }
      policy.onWait?(
        RetryWait(
          method: endpoint.method, path: endpoint.evidencePath, reason: RetryWait.Reason(retryKind),
          nextAttempt: progress.attempts + 1, seconds: wait))
      do {
        try await policy.clock.sleep(wait)
      } catch {
        throw progress.failure(.transport(.cancelled))
      }
      budget.recordWait(wait)
    }
  }

  /// Checks the deadline and waits for the search limiter where it applies; returns the
  /// request timeout to use (the client's, shortened to what is left before the deadline).
  private func waitForTurn(
    _ endpoint: Endpoint, progress: CallProgress
  ) async throws(HibobAPIError) -> Double {
    if let left = budget.remaining(at: policy.clock.now()), left <= 0 {
      throw progress.failure(.deadline)
    }
    if endpoint.searchLimited {
      do {
        let waited = try await searchLimiter.acquire(deadline: budget.deadline) { seconds in
          policy.onWait?(
            RetryWait(
              method: endpoint.method, path: endpoint.evidencePath, reason: .clientRateLimit,
              nextAttempt: 0, seconds: seconds))
        }
        if waited > 0 { budget.recordWait(waited) }
      } catch {
        throw progress.failure(error.kind)
      }
    }
    guard let left = budget.remaining(at: policy.clock.now()) else { return timeout }
    if left <= 0 { throw progress.failure(.deadline) }
    return min(timeout, left)
  }

  private enum AttemptOutcome {
    case answered(HTTPResponse)
    case retry(HibobAPIError.Kind, wait: Double)
    case stop(HibobAPIError.Kind)
  }

  /// Sends one request and decides: an answer to return, a failure worth a retry (429, 5xx,
  /// timeout, connection failure) with its wait, or a failure to stop on (cancellation).
  private func attempt(
    _ request: HTTPRequest, progress: inout CallProgress
  ) async -> AttemptOutcome {
    do {
      let response = try await transport.send(request)
      progress.lastStatus = response.status
      if response.body.count > Self.maxResponseBytes {
        // Not retried: the same server would send the same answer.
        return .stop(
          .invalidResponse(
            "the answer is \(response.body.count / 1_000_000) MB, more than the "
              + "\(Self.maxResponseBytes / 1_000_000) MB this tool reads"))
      }
      if response.status == 429 {
        progress.rateLimited += 1
        budget.recordRateLimited()
        return .retry(.rateLimited, wait: policy.rateLimitWait(response, retry: progress.attempts))
      }
      if RetryPolicy.retryableServerStatuses.contains(response.status) {
        return .retry(.http(response.status), wait: policy.backoff(retry: progress.attempts))
      }
      if response.status == 401 { refused.withLock { $0 = true } }
      return .answered(response)
    } catch let error as TransportError {
      progress.lastStatus = nil
      if error == .cancelled { return .stop(.transport(.cancelled)) }
      return .retry(.transport(error), wait: policy.backoff(retry: progress.attempts))
    } catch is CancellationError {
      progress.lastStatus = nil
      return .stop(.transport(.cancelled))
    } catch {
      progress.lastStatus = nil
      return .retry(
        .transport(.connectionFailed("unexpected transport error")),
        wait: policy.backoff(retry: progress.attempts))
    }
  }
}

/// What one call has done so far, for its `CallRecord`.
private struct CallProgress {
  let endpoint: Endpoint
  let started = ContinuousClock.now
  var attempts = 0
  var rateLimited = 0
  var lastStatus: Int? = nil

  init(endpoint: Endpoint) { self.endpoint = endpoint }

  func record() -> CallRecord {
    let elapsed = ContinuousClock.now - started
    let ms =
      elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    return CallRecord(
      method: endpoint.method, path: endpoint.evidencePath, status: lastStatus,
      durationMs: Int(ms), attempts: attempts, rateLimitedAnswers: rateLimited)
  }

  func failure(_ kind: HibobAPIError.Kind) -> HibobAPIError {
    HibobAPIError(kind, records: [record()])
  }
}

extension RetryWait.Reason {
  init(_ kind: HibobAPIError.Kind) {
    switch kind {
    case .rateLimited: self = .rateLimited
    case .http(let status): self = .serverError(status)
    default: self = .noAnswer
    }
  }
}
