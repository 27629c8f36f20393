import Foundation

/// A wait the client is about to make before sending again: a retry after a 429, a 5xx or a
/// failed connection, or the client-side people-search limit (50 a minute). The client calls
/// ``RetryPolicy/onWait`` with it before sleeping, so that a front end can say what it waits
/// for and how long; libraries never print.
public struct RetryWait: Sendable, Equatable {
  public enum Reason: Sendable, Equatable {
    /// A 429 answer: the server's rate limit (`Retry-After`, `X-RateLimit-Reset` or backoff).
    case rateLimited
    /// The client's own limit on a path (people search: 50 a minute).
    case clientRateLimit
    /// A 5xx answer.
    case serverError(Int)
    /// No answer: a timeout or a failed connection.
    case noAnswer
  }

  public var method: String
  /// The path as evidence records it, e.g. `/people/search`.
  public var path: String
  public var reason: Reason
  /// The attempt that follows the wait (2 for the first retry); 0 for the client's limit.
  public var nextAttempt: Int
  public var seconds: Double

  public init(method: String, path: String, reason: Reason, nextAttempt: Int, seconds: Double) {
    self.method = method
    self.path = path
    self.reason = reason
    self.nextAttempt = nextAttempt
    self.seconds = seconds
  }

  /// `rate-limited (429): waiting 30 s before retrying POST /people/search (attempt 2)`.
  public var description: String {
    let whole = Int(seconds.rounded(.up))
    let wait = "waiting \(whole) s"
    switch reason {
    case .rateLimited:
      return
        "rate-limited (429): \(wait) before retrying \(method) \(path) (attempt \(nextAttempt))"
    case .clientRateLimit:
      return "at the rate limit of \(method) \(path): \(wait) before sending"
    case .serverError(let status):
      return "answer \(status): \(wait) before retrying \(method) \(path) (attempt \(nextAttempt))"
    case .noAnswer:
      return "no answer: \(wait) before retrying \(method) \(path) (attempt \(nextAttempt))"
    }
  }
}
