import Foundation
import HibobAPI
import Synchronization

/// What the sync engine needs from Remote. `RemoteClient` is the real one.
public protocol RemoteEmploymentsAPI: Sendable {
  /// `GET /v1/employments?email=` (every page): the items Remote lists for that login email.
  func findEmployments(email: String) async throws -> [RemoteEmploymentItem]
  /// `GET /v1/employments/{id}`; nil when Remote answers 404.
  func employment(id: String) async throws -> RemoteEmployment?
  /// `POST /v1/employments` with an unwrapped body. Sent at most once: a 5xx or a lost answer
  /// throws (`RemoteAPIError.createOutcomeUnknown`), and the caller looks the email up.
  func create(_ body: JSONValue) async throws -> RemoteEmployment
  /// `PATCH /v1/employments/{id}` with an unwrapped body.
  func update(id: String, _ body: JSONValue) async throws -> RemoteEmployment
  /// `GET /v1/countries/{code}/{form}`.
  func form(country: String, _ form: FormName) async throws -> RemoteForm
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

/// Remote's API over an `HTTPTransport` (URLSessionTransport in the tool), with the Hibob client's
/// `RetryPolicy`: 429 waits for `Retry-After` seconds, else `X-RateLimit-Reset` read as Remote's
/// milliseconds; 5xx, timeouts and garbled answers back off and retry for reads and PATCH; a POST
/// is never resent (a 429 is: Remote did not take it); 401, 403, 404, 409 and 422 never retried.
public final class RemoteClient: RemoteEmploymentsAPI {
  public let baseURL: URL
  public let policy: RetryPolicy
  public let timeout: Double
  private let token: String
  private let transport: any HTTPTransport
  private let cancellation: SyncCancellation?
  private let state = Mutex(RemoteClientStats())

  /// - Parameters:
  ///   - baseURL: the host only, from `RemoteHost` (validated there).
  ///   - token: the API token (`REMOTE_API_TOKEN`); sent as `Bearer`, never shown.
  ///   - cancellation: once cancelled, no new request starts and waits end at once.
  public init(
    baseURL: URL, token: String, transport: any HTTPTransport,
    policy: RetryPolicy = RemoteClient.defaultPolicy, timeout: Double = 30,
    cancellation: SyncCancellation? = nil
  ) {
    self.baseURL = baseURL
    self.token = token
    self.transport = transport
    var policy = policy
    policy.rateLimitReset = .millisecondsFromNow
    if let cancellation {
      let sleep = policy.clock.sleep
      policy.clock.sleep = { seconds in try await cancellation.sleep(seconds, using: sleep) }
    }
    self.policy = policy
    self.timeout = timeout
    self.cancellation = cancellation
  }

  /// Four attempts a call, waits of at most 30 s, a generous run budget (a sync of thousands).
  public static var defaultPolicy: RetryPolicy {
    var p = RetryPolicy(maxAttemptsPerCall: 4, maxRetriesPerRun: 100_000, maxWaitPerRetry: 30)
    p.rateLimitReset = .millisecondsFromNow
    return p
  }

  public var stats: RemoteClientStats { state.withLock { $0 } }

  public func findEmployments(email: String) async throws -> [RemoteEmploymentItem] {
    var all: [RemoteEmploymentItem] = []
    var page = 1
    while true {
      let data = try await call(
        "GET", path: "/v1/employments",
        query: [("email", email), ("page", String(page)), ("page_size", "100")])
      let path = "/v1/employments"
      guard let list = data["employments"]?.arrayValue else {
        throw RemoteAPIError.badResponse(path: path, why: "no 'employments' list")
      }
      for item in list {
        guard let parsed = RemoteEmploymentItem(json: item) else {
          throw RemoteAPIError.badResponse(path: path, why: "an employment has no 'id'")
        }
        all.append(parsed)
      }
      let pages = data["total_pages"]?.intValue ?? 1
      if page >= pages || list.isEmpty || page >= 1000 { break }
      page += 1
    }
    return all
  }

  public func employment(id: String) async throws -> RemoteEmployment? {
    let path = "/v1/employments/" + Self.pathSegment(id)
    do {
      return try Self.employment(try await call("GET", path: path), path: path)
    } catch RemoteAPIError.notFound {
      return nil
    }
  }

  public func create(_ body: JSONValue) async throws -> RemoteEmployment {
    let path = "/v1/employments"
    return try Self.employment(
      try await call("POST", path: path, body: body.serialized()), path: path)
  }

  public func update(id: String, _ body: JSONValue) async throws -> RemoteEmployment {
    let path = "/v1/employments/" + Self.pathSegment(id)
    return try Self.employment(
      try await call("PATCH", path: path, body: body.serialized()), path: path)
  }

  public func form(country: String, _ form: FormName) async throws -> RemoteForm {
    let path = "/v1/countries/\(Self.pathSegment(country))/\(form.rawValue)"
    let data = try await call("GET", path: path)
    // `{"data": {"schema": S, "version": N}}`, or `{"data": S}` (one of Remote's fixtures).
    if case .object? = data["schema"] {
      return RemoteForm(schema: data["schema"]!, version: data["version"]?.intValue)
    }
    guard case .object = data, data["properties"] != nil || data["type"] != nil else {
      throw RemoteAPIError.badResponse(path: path, why: "no JSON Schema in the answer")
    }
    return RemoteForm(schema: data, version: nil)
  }

  // MARK: - Sending

  /// Sends one call with the retry policy and returns its `data`.
  private func call(
    _ method: String, path: String, query: [(String, String)] = [], body: Data? = nil
  ) async throws -> JSONValue {
    let request = try makeRequest(method, path: path, query: query, body: body)
    let resendable = method != "POST"
    var attempt = 0
    while true {
      attempt += 1
      if cancellation?.isCancelled == true || Task.isCancelled { throw RemoteAPIError.cancelled }
      let response: HTTPResponse
      do {
        state.withLock { $0.requests += 1 }
        response = try await transport.send(request)
      } catch let error as TransportError {
        if error == .cancelled || Task.isCancelled { throw RemoteAPIError.cancelled }
        guard resendable, attempt < policy.maxAttemptsPerCall else {
          throw RemoteAPIError.transport(error)
        }
        try await retryWait(policy.backoff(retry: attempt), method, path, .noAnswer, attempt)
        continue
      } catch {
        throw RemoteAPIError.transport(.connectionFailed("unexpected transport failure"))
      }
      switch response.status {
      case 200...299:
        do {
          return try Self.data(response, path: path)
        } catch let error as RemoteAPIError {
          guard resendable, attempt < policy.maxAttemptsPerCall else { throw error }
          try await retryWait(policy.backoff(retry: attempt), method, path, .noAnswer, attempt)
        }
      case 429:
        state.withLock { $0.rateLimited += 1 }
        guard attempt < policy.maxAttemptsPerCall else {
          throw RemoteAPIError.rateLimited(attempts: attempt)
        }
        try await retryWait(
          policy.rateLimitWait(response, retry: attempt), method, path, .rateLimited, attempt)
      case let status where RetryPolicy.retryableServerStatuses.contains(status):
        guard resendable, attempt < policy.maxAttemptsPerCall else {
          throw RemoteAPIError.server(status: status, attempts: attempt)
        }
        try await retryWait(
          policy.backoff(retry: attempt), method, path, .serverError(status), attempt)
      case 401: throw RemoteAPIError.unauthorized
      case 403: throw RemoteAPIError.forbidden(path: path)
      case 404: throw RemoteAPIError.notFound(path: path)
      case 409: throw RemoteAPIError.conflict(fields: Self.errorFields(response.body))
      case 422:
        let fields = Self.errorFields(response.body)
        if Self.emailTaken(response.body) { throw RemoteAPIError.emailTaken }
        throw RemoteAPIError.validation(fields: fields)
      default: throw RemoteAPIError.unexpectedStatus(response.status, path: path)
      }
    }
  }

  /// Waits before the next attempt, telling the policy's progress hook first (the front end
  /// says when the sync waits for Remote's rate limit, and how long).
  private func retryWait(
    _ seconds: Double, _ method: String, _ path: String, _ reason: RetryWait.Reason,
    _ attempt: Int
  ) async throws {
    policy.onWait?(
      RetryWait(
        method: method, path: path, reason: reason, nextAttempt: attempt + 1, seconds: seconds))
    state.withLock { $0.retries += 1 }
    do { try await policy.clock.sleep(seconds) } catch { throw RemoteAPIError.cancelled }
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

  // MARK: - Decoding

  /// The `data` member of a JSON answer.
  static func data(_ response: HTTPResponse, path: String) throws -> JSONValue {
    let contentType = response.header("Content-Type")?.lowercased() ?? ""
    guard contentType.contains("json") else {
      throw RemoteAPIError.badResponse(
        path: path,
        why:
          "not JSON (Content-Type \(contentType.isEmpty ? "missing" : String(contentType.prefix(40))))"
      )
    }
    guard let json = try? JSONParser.parse(response.body), let data = json["data"],
      case .object = data
    else {
      throw RemoteAPIError.badResponse(
        path: path, why: "the JSON is malformed or has no 'data' object")
    }
    return data
  }

  static func employment(_ data: JSONValue, path: String) throws -> RemoteEmployment {
    guard let e = data["employment"], let parsed = RemoteEmployment(json: e) else {
      throw RemoteAPIError.badResponse(path: path, why: "no 'employment' with an 'id'")
    }
    return parsed
  }

  /// The field names of a `{"errors": {...}}` body (the messages are left out).
  static func errorFields(_ body: Data) -> [String] {
    guard let json = try? JSONParser.parse(body), let errors = json["errors"]?.objectValue else {
      return []
    }
    return errors.keys.sorted()
  }

  /// Remote's duplicate: `{"errors": {"email": ["has already been taken"]}}` (also under
  /// `basic_information.email`).
  static func emailTaken(_ body: Data) -> Bool {
    guard let json = try? JSONParser.parse(body), let errors = json["errors"]?.objectValue else {
      return false
    }
    return errors.contains { key, value in
      (key == "email" || key.hasSuffix(".email"))
        && (value.arrayValue ?? [value]).contains {
          $0.stringValue?.lowercased().contains("already been taken") == true
        }
    }
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
