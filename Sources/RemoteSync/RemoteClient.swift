import Foundation
import HibobAPI
import Synchronization

/// What the sync engine needs from Remote. `RemoteClient` is the real one.
public protocol RemoteEmploymentsAPI: Sendable {
  /// `GET /v1/employments?email=`: the employments whose email matches, ignoring case.
  func employments(email: String) async throws -> [RemoteEmployment]
  /// `GET /v1/employments/{id}`; nil when Remote answers 404.
  func employment(id: String) async throws -> RemoteEmployment?
  /// `POST /v1/employments`. Never resent blindly: a 5xx or a lost answer throws.
  func create(_ payload: EmploymentPayload) async throws -> RemoteEmployment
  /// `PATCH /v1/employments/{id}` with only the changed keys.
  func update(id: String, _ patch: EmploymentPatch) async throws -> RemoteEmployment
}

/// Retries and waits for Remote, like the Hibob client's: 429 is retried for every method
/// (honouring `Retry-After`, else `X-RateLimit-Reset`, else backoff); 5xx, a lost answer or a
/// garbled answer are retried for GET and PATCH only; 401, 403, 404, 409 and 422 never.
public struct RemoteRetryPolicy: Sendable {
  /// Attempts per call, the first included.
  public var maxAttempts: Int
  /// Backoff before retry n is `baseBackoff * 2^(n-1)`, at most `maxWait`.
  public var baseBackoff: Double
  /// The longest single wait (a longer `Retry-After` is cut to this).
  public var maxWait: Double
  public var sleep: @Sendable (Double) async throws -> Void
  public var now: @Sendable () -> Date

  public init(
    maxAttempts: Int = 4, baseBackoff: Double = 0.5, maxWait: Double = 60,
    sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
      try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    },
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseBackoff = baseBackoff
    self.maxWait = maxWait
    self.sleep = sleep
    self.now = now
  }

  func backoff(retry: Int) -> Double {
    min(maxWait, baseBackoff * pow(2, Double(max(0, retry - 1))))
  }

  /// How long to wait after a 429.
  func rateLimitWait(_ response: HTTPResponse, retry: Int) -> Double {
    if let s = response.header("Retry-After"),
      let seconds = Double(s.trimmingCharacters(in: .whitespaces))
    {
      return min(maxWait, max(0, seconds))
    }
    if let s = response.header("X-RateLimit-Reset"), let reset = Double(s) {
      return min(maxWait, max(0, reset - now().timeIntervalSince1970))
    }
    return backoff(retry: retry)
  }
}

/// Counts of what a client sent, for the summary.
public struct RemoteClientStats: Sendable, Equatable, Codable {
  public var requests = 0
  public var retries = 0
  public var rateLimited = 0

  public init(requests: Int = 0, retries: Int = 0, rateLimited: Int = 0) {
    self.requests = requests
    self.retries = retries
    self.rateLimited = rateLimited
  }

  enum CodingKeys: String, CodingKey {
    case requests, retries
    case rateLimited = "rate_limited"
  }
}

/// Remote's employments API over an `HTTPTransport` (URLSessionTransport in the tool).
public final class RemoteClient: RemoteEmploymentsAPI {
  public let baseURL: URL
  public let policy: RemoteRetryPolicy
  public let timeout: Double
  private let token: String
  private let transport: any HTTPTransport
  private let state = Mutex(ClientState())

  private struct ClientState {
    var stats = RemoteClientStats()
    /// From the last `X-RateLimit-Remaining` / `X-RateLimit-Reset` seen.
    var remaining: Int?
    var reset: Double?
  }

  /// - Parameters:
  ///   - baseURL: the host only, from `RemoteHost` (validated there).
  ///   - token: the API token (`REMOTE_API_TOKEN`); sent as `Bearer`, never shown.
  public init(
    baseURL: URL, token: String, transport: any HTTPTransport,
    policy: RemoteRetryPolicy = RemoteRetryPolicy(), timeout: Double = 30
  ) {
    self.baseURL = baseURL
    self.token = token
    self.transport = transport
    self.policy = policy
    self.timeout = timeout
  }

  public var stats: RemoteClientStats { state.withLock { $0.stats } }

  public func employments(email: String) async throws -> [RemoteEmployment] {
    var all: [RemoteEmployment] = []
    var page = 1
    while true {
      let list: ListEnvelope = try await call(
        "GET", path: "/v1/employments",
        query: [("email", email), ("page", String(page)), ("page_size", "100")],
        idempotent: true)
      all += list.data.employments
      let pages = list.data.totalPages ?? 1
      if page >= pages || list.data.employments.isEmpty || page >= 1000 { break }
      page += 1
    }
    let wanted = email.lowercased()
    return all.filter { $0.basicInformation?.email?.lowercased() == wanted }
  }

  public func employment(id: String) async throws -> RemoteEmployment? {
    do {
      let one: OneEnvelope = try await call(
        "GET", path: "/v1/employments/" + Self.pathSegment(id), idempotent: true)
      return one.data.employment
    } catch RemoteAPIError.notFound {
      return nil
    }
  }

  public func create(_ payload: EmploymentPayload) async throws -> RemoteEmployment {
    let body = try Self.encoder.encode(Envelope(employment: payload))
    let one: OneEnvelope = try await call(
      "POST", path: "/v1/employments", body: body, idempotent: false)
    return one.data.employment
  }

  public func update(id: String, _ patch: EmploymentPatch) async throws -> RemoteEmployment {
    let body = try Self.encoder.encode(Envelope(employment: patch))
    let one: OneEnvelope = try await call(
      "PATCH", path: "/v1/employments/" + Self.pathSegment(id), body: body, idempotent: true)
    return one.data.employment
  }

  // MARK: - Sending

  private func call<T: Decodable>(
    _ method: String, path: String, query: [(String, String)] = [], body: Data? = nil,
    idempotent: Bool
  ) async throws -> T {
    let request = try makeRequest(method, path: path, query: query, body: body)
    var attempt = 0
    while true {
      attempt += 1
      if Task.isCancelled { throw RemoteAPIError.cancelled }
      try await waitForRateLimitWindow()
      let response: HTTPResponse
      do {
        state.withLock { $0.stats.requests += 1 }
        response = try await transport.send(request)
      } catch let error as TransportError {
        if error == .cancelled || Task.isCancelled { throw RemoteAPIError.cancelled }
        if idempotent && attempt < policy.maxAttempts {
          try await retryWait(policy.backoff(retry: attempt))
          continue
        }
        throw RemoteAPIError.transport(error)
      } catch {
        throw RemoteAPIError.transport(.connectionFailed(String(describing: type(of: error))))
      }
      noteRateLimit(response)
      switch response.status {
      case 200...299:
        do {
          return try Self.decode(T.self, response, path: path)
        } catch let error as RemoteAPIError {
          if idempotent && attempt < policy.maxAttempts {
            try await retryWait(policy.backoff(retry: attempt))
            continue
          }
          throw error
        }
      case 429:
        state.withLock { $0.stats.rateLimited += 1 }
        guard attempt < policy.maxAttempts else {
          throw RemoteAPIError.rateLimited(attempts: attempt)
        }
        try await retryWait(policy.rateLimitWait(response, retry: attempt))
      case 500, 502, 503, 504:
        guard idempotent && attempt < policy.maxAttempts else {
          throw RemoteAPIError.server(status: response.status, attempts: attempt)
        }
        try await retryWait(policy.backoff(retry: attempt))
      case 401: throw RemoteAPIError.unauthorized
      case 403: throw RemoteAPIError.forbidden(path: path)
      case 404: throw RemoteAPIError.notFound(path: path)
      case 409: throw RemoteAPIError.conflict(fields: Self.errorFields(response.body))
      case 422: throw RemoteAPIError.validation(fields: Self.errorFields(response.body))
      default: throw RemoteAPIError.unexpectedStatus(response.status, path: path)
      }
    }
  }

  private func retryWait(_ seconds: Double) async throws {
    state.withLock { $0.stats.retries += 1 }
    do { try await policy.sleep(seconds) } catch { throw RemoteAPIError.cancelled }
  }

  /// When the last answer said no requests remain in the window, wait for its reset.
  private func waitForRateLimitWindow() async throws {
    let (remaining, reset) = state.withLock { ($0.remaining, $0.reset) }
    guard remaining == 0, let reset else { return }
    let wait = reset - policy.now().timeIntervalSince1970
    guard wait > 0 else { return }
    state.withLock { $0.remaining = nil }
    do { try await policy.sleep(min(wait, policy.maxWait)) } catch {
      throw RemoteAPIError.cancelled
    }
  }

  private func noteRateLimit(_ response: HTTPResponse) {
    let remaining = response.header("X-RateLimit-Remaining").flatMap { Int($0) }
    let reset = response.header("X-RateLimit-Reset").flatMap { Double($0) }
    guard remaining != nil || reset != nil else { return }
    state.withLock {
      $0.remaining = remaining
      $0.reset = reset
    }
  }

  private func makeRequest(
    _ method: String, path: String, query: [(String, String)], body: Data?
  ) throws -> HTTPRequest {
    var c = URLComponents()
    c.scheme = baseURL.scheme
    c.host = baseURL.host
    c.port = baseURL.port
    c.percentEncodedPath = path
    if !query.isEmpty {
      c.percentEncodedQuery = query.map { "\($0.0)=\(Self.queryValue($0.1))" }
        .joined(separator: "&")
    }
    guard let url = c.url else { throw RemoteAPIError.badResponse(path: path, why: "bad URL") }
    var headers = ["Authorization": "Bearer " + token, "Accept": "application/json"]
    if body != nil { headers["Content-Type"] = "application/json" }
    return HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
  }

  // MARK: - Encoding and decoding

  private struct Envelope<E: Encodable>: Encodable { var employment: E }
  private struct OneEnvelope: Decodable {
    struct Inner: Decodable { var employment: RemoteEmployment }
    var data: Inner
  }
  private struct ListEnvelope: Decodable {
    struct Inner: Decodable {
      var employments: [RemoteEmployment]
      var totalPages: Int?
      enum CodingKeys: String, CodingKey {
        case employments
        case totalPages = "total_pages"
      }
    }
    var data: Inner
  }
  private struct ErrorBody: Decodable { var errors: [String: [String]]? }

  private static var encoder: JSONEncoder { EmploymentPayload.canonicalEncoder }

  private static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, path: String)
    throws -> T
  {
    let contentType = response.header("Content-Type")?.lowercased() ?? ""
    guard contentType.contains("application/json") else {
      throw RemoteAPIError.badResponse(
        path: path,
        why:
          "not JSON (Content-Type \(contentType.isEmpty ? "missing" : String(contentType.prefix(40))))"
      )
    }
    do {
      return try JSONDecoder().decode(T.self, from: response.body)
    } catch {
      throw RemoteAPIError.badResponse(
        path: path, why: "the JSON is malformed or not the expected shape")
    }
  }

  /// The field paths of a `{"message", "errors": {...}}` body (the messages are left out).
  private static func errorFields(_ body: Data) -> [String] {
    guard let e = try? JSONDecoder().decode(ErrorBody.self, from: body) else { return [] }
    return (e.errors ?? [:]).keys.sorted()
  }

  private static let unreserved = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

  static func queryValue(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }

  static func pathSegment(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }
}
