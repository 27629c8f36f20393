import Foundation

/// The Hibob API client. One instance per run: it holds the run's budget and the people-search
/// rate limiter. Every endpoint returns its value with the `CallRecord`s of the calls it made,
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

  /// - Parameters:
  ///   - baseURL: e.g. `HibobHost.production.baseURL` or a URL checked by
  ///     `HibobHost.validatedBaseURL(_:)`.
  ///   - searchRateLimit: the client-side limit on `POST /people/search` (50 a minute).
  public init(
    baseURL: URL, credentials: Credentials, transport: any HTTPTransport,
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
  /// The largest answer the client reads, in bytes (64 MB). A people search of every field the
  /// check asks for stays far below this for tens of thousands of employees [assumed: a few KB
  /// an employee]; a larger answer is a broken server or proxy, and is `invalidResponse` (never
  /// evaluated, so a padded or runaway body cannot pass or fail a rule).
  public static let maxResponseBytes = 64_000_000
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

  /// Sends `endpoint` with retries as `policy` says, and returns the final HTTP response (any
  /// status that is not retried or whose retries ran out is returned or thrown as below) with
  /// the call's record.
  ///
  /// Throws `.rateLimited` when 429s outlast the retries, `.http(5xx)` when server errors do,
  /// `.transport` when no answer came, `.deadline` when the run's deadline passed first.
  func send(_ endpoint: Endpoint) async throws(HibobAPIError) -> (HTTPResponse, CallRecord) {
    let started = ContinuousClock.now
    var attempts = 0
    var rateLimited = 0
    var lastStatus: Int? = nil
    func record() -> CallRecord {
      let elapsed = ContinuousClock.now - started
      let ms = Int(
        elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
      return CallRecord(
        method: endpoint.method, path: endpoint.evidencePath, status: lastStatus,
        durationMs: ms, attempts: attempts, rateLimitedAnswers: rateLimited)
    }
    func failure(_ kind: HibobAPIError.Kind) -> HibobAPIError {
      HibobAPIError(kind, records: [record()])
    }

    var request = HTTPRequest(method: endpoint.method, url: try url(for: endpoint))
    request.headers["Authorization"] = credentials.authorizationHeader
    request.headers["Accept"] = "application/json"
    if let body = endpoint.body {
      request.body = body.serialized()
      request.headers["Content-Type"] = "application/json"
    }

    while true {
      var remaining = budget.remaining(at: policy.clock.now())
      if let left = remaining, left <= 0 { throw failure(.deadline) }
      if endpoint.searchLimited {
        do {
          let waited = try await searchLimiter.acquire(deadline: budget.deadline)
          if waited > 0 { budget.recordWait(waited) }
        } catch {
          throw failure(error.kind)
        }
        remaining = budget.remaining(at: policy.clock.now())
        if let left = remaining, left <= 0 { throw failure(.deadline) }
      }
      request.timeout = min(timeout, remaining ?? timeout)
      attempts += 1
      budget.recordRequest()

      let retryKind: HibobAPIError.Kind
      let wait: Double
      var oversized: Int? = nil
      do {
        let response = try await transport.send(request)
        lastStatus = response.status
        if response.body.count > Self.maxResponseBytes {
          oversized = response.body.count
          retryKind = .invalidResponse("too large")
          wait = 0
        } else if response.status == 429 {
          rateLimited += 1
          budget.recordRateLimited()
          retryKind = .rateLimited
          wait = policy.rateLimitWait(response, retry: attempts)
        } else if RetryPolicy.retryableServerStatuses.contains(response.status) {
          retryKind = .http(response.status)
          wait = policy.backoff(retry: attempts)
        } else {
          return (response, record())
        }
      } catch let error as TransportError {
        lastStatus = nil
        if error == .cancelled { throw failure(.transport(.cancelled)) }
        retryKind = .transport(error)
        wait = policy.backoff(retry: attempts)
      } catch is CancellationError {
        throw failure(.transport(.cancelled))
      } catch {
        lastStatus = nil
        retryKind = .transport(.connectionFailed("unexpected transport error"))
        wait = policy.backoff(retry: attempts)
      }

      if let oversized {
        // Not retried: the same server would send the same answer.
        throw failure(
          .invalidResponse(
            "the answer is \(oversized / 1_000_000) MB, more than the "
              + "\(Self.maxResponseBytes / 1_000_000) MB this tool reads"))
      }
      guard attempts < policy.maxAttemptsPerCall else { throw failure(retryKind) }
      if let deadline = budget.deadline, policy.clock.now().addingTimeInterval(wait) >= deadline {
        throw failure(retryKind)
      }
      guard budget.reserveRetry(limit: policy.maxRetriesPerRun) else { throw failure(retryKind) }
      do {
        try await policy.clock.sleep(wait)
      } catch {
        throw failure(.transport(.cancelled))
      }
      budget.recordWait(wait)
    }
  }
}
