import Foundation
import HibobAPI
import PermissionRules

/// A recorded check: every HTTP exchange of one run, redacted, in the order the answers came.
/// The file format (`hibob-remote-recording`, version 1) is JSON; bodies that were JSON are
/// embedded as JSON, other bodies as text. It never holds the token, an Authorization header or
/// an employee's personal data (see `Redactor`).
public struct Recording: Sendable, Equatable {
  public static let format = "hibob-remote-recording"
  public static let currentVersion = 1

  public var version: Int
  public var toolVersion: String
  public var rulesVersion: String
  /// ISO 8601, whole seconds, UTC.
  public var recordedAt: String
  public var target: Target
  /// What `credentials.format` found; a run with problems sends nothing, so replay needs these.
  public var credentialProblems: [String]
  public var exchanges: [Exchange]

  public init(
    version: Int = Recording.currentVersion, toolVersion: String,
    rulesVersion: String = Catalogue.rulesVersion, recordedAt: String, target: Target,
    credentialProblems: [String] = [], exchanges: [Exchange]
  ) {
    self.version = version
    self.toolVersion = toolVersion
    self.rulesVersion = rulesVersion
    self.recordedAt = recordedAt
    self.target = target
    self.credentialProblems = credentialProblems
    self.exchanges = exchanges
  }

  /// Where the recorded run went. None of it is secret: the token is only a SHA-256 prefix.
  public struct Target: Sendable, Equatable {
    public var baseURL: String
    /// `production`, `sandbox` or `custom`.
    public var environment: String
    /// Nil when it was empty or equal to the token (then it is the secret).
    public var serviceUserId: String?
    public var tokenSHA256Prefix: String?
    public var readOnly: Bool

    public init(
      baseURL: String, environment: String, serviceUserId: String?, tokenSHA256Prefix: String?,
      readOnly: Bool
    ) {
      self.baseURL = baseURL
      self.environment = environment
      self.serviceUserId = serviceUserId
      self.tokenSHA256Prefix = tokenSHA256Prefix
      self.readOnly = readOnly
    }
  }

  /// A body as recorded: JSON (embedded), text (anything else), or none.
  public enum Body: Sendable, Equatable {
    case json(JSONValue)
    case text(String)

    /// The bytes sent on replay: compact JSON with sorted keys, or the text's UTF-8.
    public var data: Data {
      switch self {
      case .json(let value): return value.serialized()
      case .text(let text): return Data(text.utf8)
      }
    }

    /// JSON when `data` parses as JSON, else text; nil for an empty body.
    public static func from(_ data: Data?) -> Body? {
      guard let data, !data.isEmpty else { return nil }
      if let value = try? JSONParser.parse(data) { return .json(value) }
      return .text(String(decoding: data, as: UTF8.self))
    }
  }

  /// One request and what came back: a response, or a transport failure.
  public struct Exchange: Sendable, Equatable {
    public var method: String
    /// The path and query as sent (`/v1/people/search`, `/v1/bulk/people/employment?limit=200`).
    public var target: String
    public var requestBody: Body?
    public var response: Response?
    /// Set when no response came: `timed_out`, `connection_failed` or `cancelled`.
    public var failure: Failure?

    public init(
      method: String, target: String, requestBody: Body?, response: Response?,
      failure: Failure? = nil
    ) {
      self.method = method
      self.target = target
      self.requestBody = requestBody
      self.response = response
      self.failure = failure
    }
  }

  public struct Response: Sendable, Equatable {
    public var status: Int
    /// Only the headers that matter, names lower-cased (`Recording.keptHeaders`).
    public var headers: [String: String]
    public var body: Body?

    public init(status: Int, headers: [String: String], body: Body?) {
      self.status = status
      self.headers = headers
      self.body = body
    }
  }

  /// A transport failure, as `TransportError` has them.
  public struct Failure: Sendable, Equatable {
    public var kind: String
    public var message: String

    public init(_ error: TransportError) {
      switch error {
      case .timedOut: kind = "timed_out"
      case .cancelled: kind = "cancelled"
      case .connectionFailed: kind = "connection_failed"
      }
      message = error.description
    }

    public init(kind: String, message: String) {
      self.kind = kind
      self.message = message
    }

    public var transportError: TransportError {
      switch kind {
      case "timed_out": return .timedOut
      case "cancelled": return .cancelled
      default: return .connectionFailed("recorded: \(message)")
      }
    }
  }

  /// Response headers a recording keeps; every other header (cookies, server names) is dropped.
  public static let keptHeaders: Set<String> = [
    "content-type", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining",
    "x-ratelimit-reset", "x-has-restricted-columns", "location",
  ]

  /// `path?query` of a URL, percent-encoded as sent.
  public static func target(of url: URL) -> String {
    let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    var path = components?.percentEncodedPath ?? url.path
    if path.isEmpty { path = "/" }
    if let query = components?.percentEncodedQuery { path += "?" + query }
    return path
  }
}
