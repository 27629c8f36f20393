import Foundation
import HibobAPI

/// Where Remote's API lives. The base URL is the host only; every path starts with `/v1/`.
public enum RemoteHost {
  public static let productionURL = URL(string: "https://gateway.remote.com")!
  public static let sandboxURL = URL(string: "https://gateway.remote-sandbox.com")!

  /// `production` or `sandbox` (`--remote-environment`).
  public enum Environment: String, Sendable, CaseIterable {
    case production, sandbox

    public var baseURL: URL { self == .production ? RemoteHost.productionURL : sandboxURL }
  }

  /// Checks a `--remote-base-url`: `https://` with a host and nothing after it, or `http://`
  /// for a loopback host only (127.0.0.0/8, ::1, localhost). Returns it without a trailing `/`.
  public static func validatedBaseURL(_ string: String) throws(RemoteConfigurationError) -> URL {
    guard let c = URLComponents(string: string), let scheme = c.scheme?.lowercased(),
      let host = c.host, !host.isEmpty
    else { throw .invalidBaseURL("it is not an absolute URL with a host") }
    guard c.user == nil, c.password == nil else {
      throw .invalidBaseURL("it must not carry a user name or password")
    }
    guard c.query == nil, c.fragment == nil else {
      throw .invalidBaseURL("it must not have a query or a fragment")
    }
    guard c.path.isEmpty || c.path == "/" else {
      throw .invalidBaseURL("it is the host only (like https://gateway.remote.com); paths add /v1/")
    }
    switch scheme {
    case "https": break
    case "http":
      guard isLoopback(host) else {
        throw .invalidBaseURL("http:// is allowed for loopback hosts only; use https://")
      }
    default: throw .invalidBaseURL("the scheme must be https (or http for a loopback host)")
    }
    var out = URLComponents()
    out.scheme = scheme
    out.host = c.host
    out.port = c.port
    guard let url = out.url else { throw .invalidBaseURL("it is not a valid URL") }
    return url
  }

  /// 127.0.0.0/8, ::1 and localhost: the Hibob client's rule.
  public static func isLoopback(_ host: String) -> Bool { HibobHost.isLoopback(host) }
}

/// A Remote setting the user must fix (exit 2 in the command line).
public enum RemoteConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalidBaseURL(String)
  case missingToken

  public var description: String {
    switch self {
    case .invalidBaseURL(let why): return "invalid Remote base URL: \(why)"
    case .missingToken:
      return "no Remote API token: set REMOTE_API_TOKEN to a token from Remote (Integrations)"
    }
  }
}
