import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real transport: an ephemeral URLSession (no cookies, no cache) that never follows
/// redirects (a 3xx comes back as the response) and lower-cases response header names.
/// Timeouts become `TransportError.timedOut`; other failures `.connectionFailed` with a message
/// that names the host only (never the query or a header).
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession

  public init() {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpShouldSetCookies = false
    configuration.httpCookieAcceptPolicy = .never
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.urlCredentialStorage = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(
      configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
  }

  deinit {
    session.finishTasksAndInvalidate()
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    var urlRequest = URLRequest(
      url: request.url, cachePolicy: .reloadIgnoringLocalCacheData,
      timeoutInterval: max(0.001, request.timeout))
    urlRequest.httpMethod = request.method
    for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
    urlRequest.httpBody = request.body
    urlRequest.httpShouldHandleCookies = false

    let session = self.session
    let prepared = urlRequest
    let host = request.url.host
    let limit = max(0.001, request.timeout)
    // URLSession on Linux does not always honour a per-request timeout shorter than the
    // session's, and its timeout is an idle timeout besides: race the request against the
    // whole time allowed, and cancel the loser.
    return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
      group.addTask {
        try await Self.perform(prepared, on: session, host: host)
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

  private static func perform(
    _ urlRequest: URLRequest, on session: URLSession, host: String?
  ) async throws -> HTTPResponse {
    let data: Data
    let response: URLResponse
    do {
      (data, response) = try await session.data(for: urlRequest)
    } catch let error as URLError {
      throw transportError(error, host: host)
    } catch is CancellationError {
      throw TransportError.cancelled
    } catch {
      throw TransportError.connectionFailed("unexpected error talking to \(host ?? "the host")")
    }
    guard let http = response as? HTTPURLResponse else {
      throw TransportError.connectionFailed("the answer from \(host ?? "the host") was not HTTP")
    }
    var headers: [String: String] = [:]
    for (key, value) in http.allHeaderFields {
      guard let name = key as? String else { continue }
      headers[name.lowercased()] = value as? String ?? String(describing: value)
    }
    return HTTPResponse(status: http.statusCode, headers: headers, body: data)
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

/// Completes every redirect with nil, so URLSession hands the 3xx back as the response.
private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}
