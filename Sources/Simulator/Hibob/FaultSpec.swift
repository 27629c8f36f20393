import Foundation

/// A fault to inject: the first `times` requests matching `method` and `path` get it instead of
/// (or, for `delay` and `trickle`, on top of) the normal answer. Faults fire before the
/// credentials are checked, as a proxy or the network would misbehave.
public struct FaultSpec: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
    /// An error status (`status`: 429, 500, 502, 503, ...), with `Retry-After` when `retryAfter`
    /// is set.
    case status
    /// Wait `seconds`, then answer normally.
    case delay
    /// 200 with an HTML page.
    case html
    /// 200 `application/json` whose body is not JSON.
    case malformedJSON
    /// The normal answer with its full `Content-Length`, cut after half its body.
    case truncatedJSON
    /// Close the connection without answering.
    case closeConnection
    /// 200 JSON padded to `bytes` bytes.
    case hugeBody
    /// The normal answer sent `chunkSize` bytes at a time, `interval` seconds apart.
    case trickle
  }

  /// `nil` matches every method.
  public var method: String?
  /// The path without query, e.g. `/v1/people/search`; a trailing `*` matches a prefix.
  public var path: String
  /// How many matching requests get the fault (the first ones).
  public var times: Int
  public var kind: Kind
  public var status: Int?
  public var retryAfter: Int?
  public var seconds: Double?
  public var bytes: Int?
  public var chunkSize: Int?
  public var interval: Double?

  public init(
    method: String? = nil, path: String, times: Int = 1, kind: Kind, status: Int? = nil,
    retryAfter: Int? = nil, seconds: Double? = nil, bytes: Int? = nil, chunkSize: Int? = nil,
    interval: Double? = nil
  ) {
    self.method = method
    self.path = path
    self.times = times
    self.kind = kind
    self.status = status
    self.retryAfter = retryAfter
    self.seconds = seconds
    self.bytes = bytes
    self.chunkSize = chunkSize
    self.interval = interval
  }

  enum CodingKeys: String, CodingKey {
    case method, path, times, kind, status, retryAfter, seconds, bytes, chunkSize, interval
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    method = try c.decodeIfPresent(String.self, forKey: .method)
    path = try c.decode(String.self, forKey: .path)
    times = try c.decodeIfPresent(Int.self, forKey: .times) ?? 1
    kind = try c.decode(Kind.self, forKey: .kind)
    status = try c.decodeIfPresent(Int.self, forKey: .status)
    retryAfter = try c.decodeIfPresent(Int.self, forKey: .retryAfter)
    seconds = try c.decodeIfPresent(Double.self, forKey: .seconds)
    bytes = try c.decodeIfPresent(Int.self, forKey: .bytes)
    chunkSize = try c.decodeIfPresent(Int.self, forKey: .chunkSize)
    interval = try c.decodeIfPresent(Double.self, forKey: .interval)
  }

  /// Convenience: an error status, optionally with `Retry-After`.
  public static func status(
    _ status: Int, method: String? = nil, path: String, times: Int = 1, retryAfter: Int? = nil
  ) -> FaultSpec {
    FaultSpec(
      method: method, path: path, times: times, kind: .status, status: status,
      retryAfter: retryAfter)
  }

  func matches(method requestMethod: String, path requestPath: String) -> Bool {
    if let method, method.uppercased() != requestMethod.uppercased() { return false }
    if path.hasSuffix("*") { return requestPath.hasPrefix(String(path.dropLast())) }
    return path == requestPath
  }

  /// The first problem with this fault's parameters, or `nil`.
  func problem() -> String? {
    if times < 1 { return "times must be at least 1" }
    if !path.hasPrefix("/") { return "path '\(path)' must start with '/'" }
    switch kind {
    case .status:
      guard let status else { return "a status fault needs 'status'" }
      if !(400...599).contains(status) { return "status \(status) is not an error status" }
      if let retryAfter, retryAfter < 0 { return "retryAfter must not be negative" }
    case .delay:
      guard let seconds, seconds >= 0 else { return "a delay fault needs 'seconds' >= 0" }
    case .hugeBody:
      if let bytes, bytes < 1 { return "bytes must be positive" }
    case .trickle:
      if let chunkSize, chunkSize < 1 { return "chunkSize must be positive" }
      if let interval, interval < 0 { return "interval must not be negative" }
    case .html, .malformedJSON, .truncatedJSON, .closeConnection: break
    }
    return nil
  }
}
