import Foundation

/// Where the Hibob API lives. Any other base URL (a simulator's `http://127.0.0.1:PORT/v1`) is a
/// plain `URL`, checked with `HibobHost.validatedBaseURL(_:)`.
public enum HibobHost: Sendable, Equatable {
  case production
  case sandbox

  public static let productionURL = URL(string: "https://api.hibob.com/v1")!
  public static let sandboxURL = URL(string: "https://api.sandbox.hibob.com/v1")!

  public var baseURL: URL {
    switch self {
    case .production: return Self.productionURL
    case .sandbox: return Self.sandboxURL
    }
  }

  /// Checks a base URL given by a user: `https://` anywhere, `http://` for loopback hosts only
  /// (127.0.0.0/8, ::1, localhost); no user info, query or fragment. A path is kept (without a
  /// trailing `/`): it is `/v1` for the real hosts.
  public static func validatedBaseURL(_ string: String) throws(ConfigurationError) -> URL {
    let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, let components = URLComponents(string: trimmed),
      let scheme = components.scheme?.lowercased()
    else { throw .notAURL }
    guard scheme == "https" || scheme == "http" else { throw .unsupportedScheme(scheme) }
    guard let host = components.host, !host.isEmpty else { throw .missingHost }
    if components.user != nil || components.password != nil { throw .userInfoNotAllowed }
    if components.query != nil { throw .queryNotAllowed }
    if components.fragment != nil { throw .fragmentNotAllowed }
    if scheme == "http" && !isLoopback(host) { throw .httpNotLoopback(host: host) }
    var normalized = URLComponents()
    normalized.scheme = scheme
    normalized.percentEncodedHost = components.percentEncodedHost
    normalized.port = components.port
    var path = components.percentEncodedPath
    while path.hasSuffix("/") { path.removeLast() }
    normalized.percentEncodedPath = path
    guard let url = normalized.url else { throw .notAURL }
    return url
  }

  /// `localhost`, an IPv4 address in 127.0.0.0/8, or `::1` (with or without brackets).
  public static func isLoopback(_ host: String) -> Bool {
    var h = host.lowercased()
    if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
    if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
    let octets = h.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return false }
    let values = octets.compactMap { part -> Int? in
      guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII),
        part.allSatisfy(\.isNumber)
      else { return nil }
      return Int(part).flatMap { $0 <= 255 ? $0 : nil }
    }
    return values.count == 4 && values[0] == 127
  }
}
