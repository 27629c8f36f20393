import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real transport: an ephemeral URLSession (no cookies, no cache) that never follows
/// redirects (a 3xx comes back as the response) and lower-cases response header names. Writes
/// (POST, PUT, PATCH, DELETE) go through libcurl's easy interface on a connection of their own
/// (`CurlExchange`; see `needsFreshConnection`).
/// Timeouts become `TransportError.timedOut`; other failures `.connectionFailed` with a message
/// that names the host only (never the query or a header).
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession
  private let delegate: SessionDelegate

  /// - Parameter maxConnectionsPerHost: URLSession's own cap (6 by default) would queue requests
  ///   beyond it inside URLSession; the sync keeps `--concurrency` requests in flight.
  /// - Parameter directWrites: send the requests that need a fresh connection (see
  ///   `needsFreshConnection`) through libcurl's easy interface (`CurlExchange`) when libcurl can
  ///   be loaded, rather than through a URLSession of their own. Both send such a request at most
  ///   once; the easy interface does it without URLSession's busy wait (see `CurlExchange`).
  ///   Tests turn it off to check the URLSession path.
  public init(maxConnectionsPerHost: Int = 16, directWrites: Bool = true) {
    self.directWrites = directWrites && CurlExchange.isAvailable
    configuration = Self.configuration(maxConnectionsPerHost: maxConnectionsPerHost)
    delegate = SessionDelegate()
    session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
  }

  private let configuration: URLSessionConfiguration
  private let directWrites: Bool

  private static func configuration(maxConnectionsPerHost: Int) -> URLSessionConfiguration {
    // Not `URLSessionConfiguration.ephemeral` directly: it leaves empty folders (SessionStorage).
    let configuration = SessionStorage.ephemeralConfiguration()
    configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
    configuration.httpShouldSetCookies = false
    configuration.httpCookieAcceptPolicy = .never
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.urlCredentialStorage = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    return configuration
  }

  /// Whether a request goes on a connection of its own rather than a pooled one.
  ///
  /// libcurl (under URLSession on Linux) resends a request whose reused keep-alive connection
  /// died before any answer byte arrived: "Connection died, retrying a fresh connect". For a
  /// request with a body it resends the headers and, the body already consumed, no body; the
  /// server then waits for `Content-Length` bytes that never come and the request hangs until
  /// its timeout. For a POST whose first copy was stored before the connection dropped, that is
  /// also a second POST. A fresh connection is never retried by libcurl, so every request that
  /// is not a GET or HEAD goes on a connection of its own: through `CurlExchange` (libcurl's easy
  /// interface, fresh connection, no reuse), or, when libcurl cannot be loaded that way, a session
  /// of its own (a new connection pool) with `Connection: close`. It is sent at most once, and a
  /// dropped connection fails at once.
  static func needsFreshConnection(_ method: String) -> Bool {
    let m = method.uppercased()
    return m != "GET" && m != "HEAD"
  }

  deinit {
    session.finishTasksAndInvalidate()
  }

  /// Sent when the request names none, by both paths (URLSession's own default names the
  /// process and curl; the easy interface sends none).
  static let userAgent = "hibob-remote"

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    var request = request
    if !request.headers.keys.contains(where: { $0.lowercased() == "user-agent" }) {
      request.headers["User-Agent"] = Self.userAgent
    }
    var urlRequest = URLRequest(
      url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
      timeoutInterval: max(0.001, request.timeout))
    urlRequest.httpMethod = request.method
    for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
    urlRequest.httpBody = request.body
    urlRequest.httpShouldHandleCookies = false

    let fresh = Self.needsFreshConnection(request.method)
    if fresh && directWrites { return try await CurlExchange.send(request) }
    var session = self.session
    var delegate = self.delegate
    if fresh {
      urlRequest.setValue("close", forHTTPHeaderField: "Connection")
      delegate = SessionDelegate()
      session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }
    defer { if fresh { session.finishTasksAndInvalidate() } }
    let prepared = urlRequest
    let host = request.url.host
    let limit = max(0.001, request.timeout)
    // URLSession on Linux does not always honour a per-request timeout shorter than the
    // session's, and its timeout is an idle timeout besides: race the request against the
    // whole time allowed, and cancel the loser.
    let chosenSession = session
    let chosenDelegate = delegate
    return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
      group.addTask {
        try await Self.perform(
          prepared, on: chosenSession, delegate: chosenDelegate, host: host)
      }
      group.addTask {
        try? await Task.sleep(nanoseconds: UInt64(limit * 1_000_000_000))
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let response = first else {
        if Task.isCancelled { throw TransportError.cancelled }
        throw TransportError.timedOut
      }
      return response
    }
  }

  /// One data task driven by the session delegate, which appends the body's chunks into one
  /// buffer sized from `Content-Length`: a completion-handler task keeps the chunks and then
  /// joins them, holding the body about twice over at the end (hundreds of megabytes for a
  /// search of tens of thousands of employees).
  private static func perform(
    _ urlRequest: URLRequest, on session: URLSession, delegate: SessionDelegate, host: String?
  ) async throws -> HTTPResponse {
    let handle = TaskHandle()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<HTTPResponse, any Error>) in
        let task = session.dataTask(with: urlRequest)
        delegate.register(task: task.taskIdentifier) { body, response, error, challenged in
          continuation.resume(
            with: Result {
              try convert(data: body, response: response, error: error, challenged, host: host)
            })
        }
        handle.start(task)
      }
    } onCancel: {
      handle.cancel()
    }
  }

  /// Turns what the data task gave into a response or a `TransportError`. A 401 whose
  /// authentication challenge the delegate refused comes back as that 401 (without its body).
  private static func convert(
    data: Data?, response: URLResponse?, error: (any Error)?, _ challenged: HTTPURLResponse?,
    host: String?
  ) throws -> HTTPResponse {
    if let error {
      if let challenged {
        return HTTPResponse(status: challenged.statusCode, headers: headers(of: challenged))
      }
      if let urlError = error as? URLError { throw transportError(urlError, host: host) }
      throw TransportError.connectionFailed("unexpected error talking to \(host ?? "the host")")
    }
    guard let http = response as? HTTPURLResponse else {
      throw TransportError.connectionFailed("the answer from \(host ?? "the host") was not HTTP")
    }
    return HTTPResponse(status: http.statusCode, headers: headers(of: http), body: data ?? Data())
  }

  private static func headers(of response: HTTPURLResponse) -> [String: String] {
    var headers: [String: String] = [:]
    for (key, value) in response.allHeaderFields {
      guard let name = key as? String else { continue }
      headers[name.lowercased()] = value as? String ?? String(describing: value)
    }
    return headers
  }

  /// Maps a URLError by its code; the message never quotes the URL.
  static func transportError(_ error: URLError, host: String?) -> TransportError {
    let target = host.map { "host \($0)" } ?? "the host"
    switch error.code {
    case .timedOut: return .timedOut
    case .cancelled: return .cancelled
    case .cannotConnectToHost: return .connectionFailed("could not connect to \(target)")
    case .cannotFindHost, .dnsLookupFailed:
      return .connectionFailed("could not resolve \(target)")
    case .networkConnectionLost:
      return .connectionFailed("the connection to \(target) was lost")
    case .notConnectedToInternet: return .connectionFailed("no network connection")
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
      return .connectionFailed("the TLS connection to \(target) failed (certificate or handshake)")
    case .badServerResponse, .cannotParseResponse:
      return .connectionFailed("\(target) sent a malformed HTTP answer")
    default:
      return .connectionFailed("URL error \(error.code.rawValue) talking to \(target)")
    }
  }
}

/// Collects each data task's body and completes it; completes every redirect with nil, so
/// URLSession hands the 3xx back as the response, and refuses every HTTP authentication
/// challenge, remembering the 401 it came with.
///
/// On Linux, URLSession turns a 401 carrying `WWW-Authenticate` into a challenge and, when the
/// delegate does not answer it or asks for default handling, waits until the request times out.
/// Cancelling the challenge ends the task at once (error -999) after exactly one request; the
/// transport then returns the remembered 401.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
  typealias Completion =
    @Sendable (Data, URLResponse?, (any Error)?, HTTPURLResponse?) -> Void

  private struct Running {
    var body = Data()
    var sized = false
    let completion: Completion
  }

  private let refused = Mutex<[Int: HTTPURLResponse]>([:])
  private let running = Mutex<[Int: Running]>([:])

  /// Registers a task before it is resumed; `completion` runs once, when it completes.
  func register(task identifier: Int, completion: @escaping Completion) {
    running.withLock { $0[identifier] = Running(completion: completion) }
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    let identifier = dataTask.taskIdentifier
    let expected = dataTask.countOfBytesExpectedToReceive
    running.withLock { all in
      guard var entry = all.removeValue(forKey: identifier) else { return }
      if !entry.sized {
        entry.sized = true
        // At most 1 GiB reserved on the server's word; a longer body still grows as it comes.
        if expected > 0 { entry.body.reserveCapacity(Int(min(expected, 1 << 30))) }
      }
      entry.body.append(data)
      all[identifier] = entry
    }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?
  ) {
    let identifier = task.taskIdentifier
    guard let entry = running.withLock({ $0.removeValue(forKey: identifier) }) else { return }
    let challenged = takeRefusedChallenge(task: identifier)
    entry.completion(entry.body, task.response, error, challenged)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
    completionHandler:
      @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) ->
      Void
  ) {
    guard let response = challenge.failureResponse as? HTTPURLResponse,
      response.statusCode == 401 || response.statusCode == 407
    else {
      completionHandler(.performDefaultHandling, nil)
      return
    }
    let identifier = task.taskIdentifier
    refused.withLock { $0[identifier] = response }
    completionHandler(.cancelAuthenticationChallenge, nil)
  }

  /// The 401 whose challenge was refused for this task, if any; forgets it.
  func takeRefusedChallenge(task identifier: Int) -> HTTPURLResponse? {
    refused.withLock { $0.removeValue(forKey: identifier) }
  }
}

/// The data task of one request, for cancellation and for its identifier. Cancelling before the
/// task exists cancels it as soon as it starts.
private final class TaskHandle: Sendable {
  private struct State {
    var task: URLSessionDataTask?
    var identifier: Int?
    var cancelled = false
  }

  private let state = Mutex(State())

  var identifier: Int? { state.withLock { $0.identifier } }

  func start(_ task: URLSessionDataTask) {
    let cancelled = state.withLock { s in
      s.task = task
      s.identifier = task.taskIdentifier
      return s.cancelled
    }
    task.resume()
    if cancelled { task.cancel() }
  }

  func cancel() {
    let task = state.withLock { s in
      s.cancelled = true
      return s.task
    }
    task?.cancel()
  }
}
