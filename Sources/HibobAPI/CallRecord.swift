import Foundation

/// The evidence of one logical API call (all its attempts): what was asked and what came back.
/// `path` is relative to the base URL and never carries a query string, a token or an email.
public struct CallRecord: Sendable, Equatable, Codable, CustomStringConvertible {
  public var method: String
  /// E.g. `/people/search`, `/bulk/people/employment`.
  public var path: String
  /// The last HTTP status received; `nil` when no response arrived (timeout, connection failure,
  /// deadline).
  public var status: Int?
  /// Wall time of the whole call, waits between attempts included.
  public var durationMs: Int
  /// Requests actually sent for this call (1 when it was not retried; 0 when it never went out).
  public var attempts: Int
  /// How many of the attempts were answered 429.
  public var rateLimitedAnswers: Int

  public init(
    method: String, path: String, status: Int?, durationMs: Int, attempts: Int,
    rateLimitedAnswers: Int = 0
  ) {
    self.method = method
    self.path = path
    self.status = status
    self.durationMs = durationMs
    self.attempts = attempts
    self.rateLimitedAnswers = rateLimitedAnswers
  }

  enum CodingKeys: String, CodingKey {
    case method, path, status
    case durationMs = "duration_ms"
    case attempts
    case rateLimitedAnswers = "rate_limited_answers"
  }

  public var description: String {
    "\(method) \(path) -> \(status.map(String.init) ?? "no response") (\(attempts) attempt\(attempts == 1 ? "" : "s"), \(durationMs) ms)"
  }
}

/// A value an endpoint returned, with the evidence of every HTTP call it took.
public struct Recorded<Value: Sendable>: Sendable {
  public var value: Value
  public var records: [CallRecord]

  public init(value: Value, records: [CallRecord]) {
    self.value = value
    self.records = records
  }
}

extension Recorded: Equatable where Value: Equatable {}
