import Foundation

/// One HTTP/1.1 request as the loopback server read it: headers complete and exactly
/// `Content-Length` bytes of body.
public struct ServerRequest: Sendable {
  public var method: String
  /// The request target as sent, e.g. `/v1/people/search?x=1`.
  public var target: String
  /// Header names lower-cased; a repeated header keeps its last value.
  public var headers: [String: String]
  public var body: Data

  public init(method: String, target: String, headers: [String: String] = [:], body: Data = Data())
  {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }

  /// The path part of `target`, without the query.
  public var path: String {
    if let q = target.firstIndex(of: "?") { return String(target[..<q]) }
    return target
  }

  /// Query items of `target`, percent-decoded; a repeated name keeps its last value.
  public var query: [String: String] {
    guard let items = URLComponents(string: "http://h" + target)?.queryItems else { return [:] }
    var result: [String: String] = [:]
    for item in items { result[item.name] = item.value ?? "" }
    return result
  }
}

/// How the server misbehaves instead of (or while) sending a response. Used by the
/// simulators' fault injection.
public enum Fault: Sendable, Equatable {
  /// Close the connection without sending anything.
  case closeConnection
  /// Send the headers (with the full Content-Length) and only the first `bytes` of the body,
  /// then close.
  case truncateBody(bytes: Int)
  /// Send the response `chunkSize` bytes at a time, sleeping `interval` seconds between chunks.
  case trickle(chunkSize: Int, interval: Double)
}

/// A response the handler wants sent.
public struct ServerResponse: Sendable {
  public var status: Int
  /// Header names as they should be written. `Content-Length` and `Connection` are added by
  /// the server.
  public var headers: [(String, String)]
  public var body: Data
  /// Seconds to wait before sending anything.
  public var delay: Double
  public var fault: Fault?

  public init(
    status: Int, headers: [(String, String)] = [], body: Data = Data(), delay: Double = 0,
    fault: Fault? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
    self.fault = fault
  }

  /// A JSON response with `Content-Type: application/json`.
  public static func json(_ status: Int, _ body: Data, headers: [(String, String)] = [])
    -> ServerResponse
  {
    ServerResponse(
      status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
  }
}

/// What the server calls for every request. It runs concurrently for concurrent connections.
public typealias RequestHandler = @Sendable (ServerRequest) async -> ServerResponse
