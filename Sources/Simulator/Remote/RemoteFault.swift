import Foundation

/// A fault the simulated Remote injects into the first `count` requests that match.
public struct RemoteFault: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Answer this status (429 with `Retry-After: 1`, 5xx with a JSON error body) without
    /// processing the request.
    case status(Int)
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
  /// The `employment` keys of a POST or PATCH body (`basic_information.name`, `country_code`).
  public var bodyKeys: [String]

  /// A write: POST or PATCH.
  public var isWrite: Bool { method == "POST" || method == "PATCH" }
}
