import Foundation

/// A fault the simulated Remote injects into the first `count` requests that match.
public struct RemoteFault: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Answer this status (429 with `X-RateLimit-Reset: 1000`, 5xx with a JSON error body)
    /// without processing the request.
    case status(Int)
    /// Answer 429 with `X-RateLimit-Reset` set to these milliseconds and no `Retry-After`.
    case rateLimited(milliseconds: Int)
    /// Wait this many seconds, then process the request normally.
    case delay(Double)
    /// Answer 200 with an HTML page, without processing.
    case html
    /// Answer 200 `application/json` with a body that is not JSON, without processing.
    case malformedJSON
    /// Process the request, then send only half of the JSON body.
    case truncatedJSON
    /// Close the connection without processing or answering.
    case closeConnection
    /// Process the request (a write lands), then close the connection without answering: the
    /// client cannot know whether its POST succeeded.
    case processThenClose
  }

  public var kind: Kind
  /// Only requests with this method (nil: any).
  public var method: String?
  /// Only requests whose path starts with this (nil: any).
  public var pathPrefix: String?
  /// How many matching requests get the fault.
  public var count: Int

  public init(_ kind: Kind, method: String? = nil, pathPrefix: String? = nil, count: Int = 1) {
    self.kind = kind
    self.method = method
    self.pathPrefix = pathPrefix
    self.count = count
  }

  func matches(method: String, path: String) -> Bool {
    (self.method == nil || self.method == method)
      && (pathPrefix.map { path.hasPrefix($0) } ?? true)
  }
}

/// One request the simulated Remote received: never the Authorization header, and query values
/// holding an email show `{email}`.
public struct RemoteLoggedRequest: Sendable, Equatable {
  public var method: String
  public var path: String
  public var query: [String: String]
  public var status: Int
  /// The fault applied, if any.
  public var fault: RemoteFault.Kind?
  /// The top-level keys of a POST or PATCH body, `basic_information.*` spelled out.
  public var bodyKeys: [String]
  /// The body's length in bytes (a resent POST without its body shows as 0).
  public var bodyLength: Int = 0

  /// A write: POST or PATCH.
  public var isWrite: Bool { method == "POST" || method == "PATCH" }
}
