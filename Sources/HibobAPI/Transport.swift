import Foundation

/// One HTTP request as the clients build it. The transport adds nothing but what URLSession adds.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var url: URL
  /// Header names as given. `Authorization` is set here by the clients and never logged.
  public var headers: [String: String]
  public var body: Data?
  /// Per-request timeout in seconds.
  public var timeout: Double

  public init(
    method: String, url: URL, headers: [String: String] = [:], body: Data? = nil,
    timeout: Double = 30
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// One HTTP response. Redirects are never followed: a 3xx comes back as it is.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  /// Header names lower-cased.
  public var headers: [String: String]
  public var body: Data

  public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Failures below HTTP: the transport could not produce a response.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
  case timedOut
  case connectionFailed(String)
  case cancelled

  public var description: String {
    switch self {
    case .timedOut: return "the request timed out"
    case .connectionFailed(let why): return "the connection failed: \(why)"
    case .cancelled: return "the request was cancelled"
    }
  }
}

/// The HTTP seam every client talks through. `URLSessionTransport` is the real one; a test double
/// is a struct whose `send` switches on `(request.method, request.url.path)` and ends in a
/// `default:` that fails the test.
public protocol HTTPTransport: Sendable {
  /// Sends the request and returns the response, or throws `TransportError`.
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
