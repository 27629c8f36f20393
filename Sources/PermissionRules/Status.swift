/// A rule's outcome. Raw values are the JSON contract. `fail` (proven missing) and `error`
/// (could not tell) never merge.
public enum Status: String, Codable, Sendable, CaseIterable {
  case pass, fail, warn, error, manual, skipped
}

/// Blocking rules decide the verdict; advisory ones only count under `--strict`.
public enum Severity: String, Codable, Sendable {
  case blocking, advisory
}

/// The report's verdict. Raw values are the JSON contract.
public enum Verdict: String, Codable, Sendable {
  case pass, fail, inconclusive
}

/// One HTTP exchange behind a result, as the report shows it. Never holds a token, a header
/// value or personal data; `path` has no query secrets.
public struct Evidence: Codable, Sendable, Equatable, Hashable {
  public var method: String
  public var path: String
  /// `nil` when no HTTP status was received (network error, timeout).
  public var status: Int?
  public var durationMs: Int
  public var attempts: Int
  public var note: String?

  public init(
    method: String, path: String, status: Int?, durationMs: Int, attempts: Int,
    note: String? = nil
  ) {
    self.method = method
    self.path = path
    self.status = status
    self.durationMs = durationMs
    self.attempts = attempts
    self.note = note
  }

  /// The same evidence with another note.
  public func noting(_ note: String?) -> Evidence {
    var copy = self
    copy.note = note
    return copy
  }

  enum CodingKeys: String, CodingKey {
    case method, path, status, attempts, note
    case durationMs = "duration_ms"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(method, forKey: .method)
    try c.encode(path, forKey: .path)
    try c.encode(status, forKey: .status)  // null when absent: every key is always present
    try c.encode(durationMs, forKey: .durationMs)
    try c.encode(attempts, forKey: .attempts)
    try c.encode(note, forKey: .note)
  }
}
