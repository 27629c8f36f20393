import Foundation

/// A failed Hibob call: what went wrong (`kind`) and the evidence of every HTTP call made on the
/// way (`records`). Its description never holds a token, a header value, or more than 128
/// characters of a response body.
public struct HibobAPIError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// 401: the credentials were not accepted. Never retried.
    case unauthorized
    /// 403: the service user lacks a permission. Never retried.
    case forbidden
    /// 404: unknown id or path, or a module not purchased.
    case notFound
    /// 429 answers went on past the retry budget.
    case rateLimited
    /// Any other unexpected HTTP status (5xx after retries, 400, 409, ...).
    case http(Int)
    /// A 3xx answer. Redirects are never followed; only the target's host is kept.
    case redirect(locationHost: String?)
    /// A 2xx answer that was not the JSON expected (HTML, truncated, wrong shape, bad UTF-8).
    case invalidResponse(String)
    /// No HTTP answer (after retries where they apply).
    case transport(TransportError)
    /// The run's overall deadline passed before the call could complete.
    case deadline
  }

  public var kind: Kind
  public var records: [CallRecord]
  /// The `error` text of a Hibob error body (`{"key":..., "error":...}`), at most 128 characters.
  public var serverMessage: String?

  public init(_ kind: Kind, records: [CallRecord] = [], serverMessage: String? = nil) {
    self.kind = kind
    self.records = records
    self.serverMessage = serverMessage
  }

  /// The path of the last call, for the description.
  private var lastCall: String {
    guard let last = records.last else { return "" }
    return "\(last.method) \(last.path): "
  }

  public var description: String {
    let text: String
    switch kind {
    case .unauthorized:
      text =
        "401 Unauthorized: Hibob did not accept the service user id and token (check them, and "
        + "that they belong to this environment, production or sandbox)"
    case .forbidden:
      text = "403 Forbidden: the service user's permission group does not allow this"
    case .notFound:
      text = "404 Not Found: unknown id or path, or the module is not purchased"
    case .rateLimited:
      text = "429 Too Many Requests: still rate limited after the allowed retries"
    case .http(let status):
      text = "unexpected HTTP status \(status)"
    case .redirect(let host):
      text =
        "the server answered with a redirect\(host.map { " to host \($0)" } ?? ""), which is not "
        + "followed: check the base URL"
    case .invalidResponse(let reason):
      text = "invalid response: \(reason)"
    case .transport(let error):
      text = error.description
    case .deadline:
      text = "the run's time limit passed before this call could complete"
    }
    let message = serverMessage.map { " (Hibob says: \($0))" } ?? ""
    return lastCall + text + message
  }
}

/// A base URL the client refuses to talk to.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  case notAURL
  case unsupportedScheme(String)
  case missingHost
  case userInfoNotAllowed
  case queryNotAllowed
  case fragmentNotAllowed
  case httpNotLoopback(host: String)

  public var description: String {
    switch self {
    case .notAURL: return "the base URL is not a valid URL"
    case .unsupportedScheme(let scheme):
      return "the base URL's scheme '\(scheme.prefix(16))' is not supported: use https://"
    case .missingHost: return "the base URL has no host"
    case .userInfoNotAllowed:
      return "the base URL must not contain a user name or password: pass credentials separately"
    case .queryNotAllowed: return "the base URL must not contain a query string ('?...')"
    case .fragmentNotAllowed: return "the base URL must not contain a fragment ('#...')"
    case .httpNotLoopback(let host):
      return
        "http:// is allowed only for loopback hosts (127.0.0.1, ::1, localhost), not '\(host.prefix(64))': use https://"
    }
  }
}

extension String {
  /// At most `limit` characters, with an ellipsis when cut.
  func truncated(to limit: Int) -> String {
    count <= limit ? self : String(prefix(limit)) + "..."
  }
}

/// What a body looks like, for an error message, without quoting it: a body Hibob answers may
/// hold employees' names and emails (a people search cut off mid-way, say), and a report never
/// does. "an HTML page of 2048 bytes titled 'bob'" (an HTML page's title is the page's, never an
/// employee's), "2048 bytes of JSON", "120 bytes of text", "empty" (to follow "the body is").
func bodyExcerpt(_ body: Data, redact: (String) -> String = { $0 }) -> String {
  let head = String(decoding: body.prefix(4096), as: UTF8.self)
  let trimmed = head.drop { $0.isWhitespace }
  guard !trimmed.isEmpty else { return "empty" }
  let size = body.count
  let lower = trimmed.prefix(512).lowercased()
  if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") || lower.contains("<body") {
    return "an HTML page of \(size) bytes" + (htmlTitle(String(trimmed), redact: redact) ?? "")
  }
  if let first = trimmed.first, first == "{" || first == "[" { return "\(size) bytes of JSON" }
  return "\(size) bytes of text"
}

/// " titled '...'" for an HTML page with a title: at most 60 characters, control characters
/// removed, secrets redacted.
private func htmlTitle(_ page: String, redact: (String) -> String) -> String? {
  guard let open = page.range(of: "<title>", options: .caseInsensitive),
    let close = page.range(
      of: "</title>", options: .caseInsensitive, range: open.upperBound..<page.endIndex)
  else { return nil }
  let raw = redact(String(page[open.upperBound..<close.lowerBound]))
  let cleaned = String(
    String.UnicodeScalarView(
      raw.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
  ).trimmingCharacters(in: .whitespaces)
  return cleaned.isEmpty ? nil : " titled '\(cleaned.truncated(to: 60))'"
}
