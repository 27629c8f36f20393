import HibobAPI

/// What went wrong talking to Remote. Descriptions name the request and the status, never the
/// token and never a response body (Remote's messages may quote an employee's email).
public enum RemoteAPIError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 401: the token was refused.
  case unauthorized
  /// 403: the token may not do this.
  case forbidden(path: String)
  /// 404 on an unknown id or path.
  case notFound(path: String)
  /// 409: the action's preconditions failed.
  case conflict(fields: [String])
  /// 422 on `email`, "has already been taken": the employment exists.
  case emailTaken
  /// 422: Remote's validation refused the body; the field paths it named.
  case validation(fields: [String])
  /// 429 on every attempt.
  case rateLimited(attempts: Int)
  /// 5xx on every attempt (or once, for a create, which is never blindly resent).
  case server(status: Int, attempts: Int)
  /// Another status this client does not expect.
  case unexpectedStatus(Int, path: String)
  /// A 2xx whose body is not the JSON shape expected (an HTML page, truncated JSON, ...).
  case badResponse(path: String, why: String)
  /// No response at all.
  case transport(TransportError)
  case cancelled

  public var description: String {
    switch self {
    case .unauthorized:
      return "Remote refused the token (401): check REMOTE_API_TOKEN and the Remote environment"
    case .forbidden(let path): return "Remote answered 403 for \(path): the token lacks access"
    case .notFound(let path): return "Remote answered 404 for \(path)"
    case .conflict(let fields):
      return "Remote answered 409 (a precondition of the action failed)" + Self.fieldList(fields)
    case .emailTaken:
      return "Remote answered 422: the email has already been taken by another employment"
    case .validation(let fields):
      return "Remote refused the employment (422)" + Self.fieldList(fields)
    case .rateLimited(let n): return "Remote kept answering 429 (rate limited) after \(n) attempts"
    case .server(let status, let n):
      return "Remote answered \(status) (server error) after \(n) attempt\(n == 1 ? "" : "s")"
    case .unexpectedStatus(let status, let path):
      return "Remote answered an unexpected \(status) for \(path)"
    case .badResponse(let path, let why): return "Remote's answer to \(path) was unusable: \(why)"
    case .transport(let e): return "could not reach Remote: \(e.description)"
    case .cancelled: return "the request to Remote was cancelled"
    }
  }

  /// True when a create may or may not have happened (no answer, a 5xx, a garbled answer): the
  /// engine looks the email up again before sending another POST.
  public var createOutcomeUnknown: Bool {
    switch self {
    case .server, .badResponse, .transport: return true
    case .unexpectedStatus(let status, _): return status >= 500
    default: return false
    }
  }

  /// A 4xx other than 401 and 429: Remote refused this request, not the token or the pace.
  public var isClientRefusal: Bool {
    switch self {
    case .forbidden, .notFound, .conflict, .emailTaken, .validation: return true
    case .unexpectedStatus(let status, _): return (400..<500).contains(status)
    default: return false
    }
  }

  /// The path of a 403, nil for anything else.
  public var forbiddenPath: String? {
    if case .forbidden(let path) = self { return path }
    return nil
  }

  /// A 401 or 403: every further request would get it too.
  public var isAuthorization: Bool { self == .unauthorized || forbiddenPath != nil }

  private static func fieldList(_ fields: [String]) -> String {
    fields.isEmpty ? "" : " (fields: \(fields.sorted().joined(separator: ", ")))"
  }
}
