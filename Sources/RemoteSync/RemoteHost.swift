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

  /// Checks a `--remote-base-url` with the Hibob client's validator (`HibobHost.validatedBaseURL`:
  /// `https://`, or `http://` for a loopback host only; no user info, query or fragment), then
  /// requires the host only: Remote's paths add `/v1/`.
  public static func validatedBaseURL(_ string: String) throws(RemoteConfigurationError) -> URL {
    let url: URL
    do {
      url = try HibobHost.validatedBaseURL(string)
    } catch {
      throw .invalidBaseURL(
        error.description.replacingOccurrences(of: "the base URL", with: "it"))
    }
    guard url.path.isEmpty || url.path == "/" else {
      throw .invalidBaseURL("it is the host only (like https://gateway.remote.com); paths add /v1/")
    }
    return url
  }
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
