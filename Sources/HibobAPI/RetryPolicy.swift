import Foundation

/// The clock the client waits on: wall time plus a sleep. Tests inject one whose `sleep` only
/// advances `now`, so nothing really waits.
public struct HibobClock: Sendable {
  public var now: @Sendable () -> Date
  /// Sleeps this many seconds; throws when the task is cancelled.
  public var sleep: @Sendable (Double) async throws -> Void

  public init(
    now: @escaping @Sendable () -> Date,
    sleep: @escaping @Sendable (Double) async throws -> Void
  ) {
    self.now = now
    self.sleep = sleep
  }

  /// The real clock.
  public static let system = HibobClock(
    now: { Date() },
    sleep: { seconds in
      guard seconds > 0 else { return }
      try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    })
}

/// When and how long the client retries.
///
/// - 401, 403 and every other 4xx are never retried; a 3xx is an error, never followed.
/// - 429 waits for `Retry-After` (seconds), else `X-RateLimit-Reset` (Unix seconds), else the
///   backoff; each wait is capped at `maxWaitPerRetry`.
/// - 500/502/503/504, timeouts and connection failures back off exponentially with jitter.
public struct RetryPolicy: Sendable {
  /// Requests one call may send, the first included (4 = at most 3 retries).
  public var maxAttemptsPerCall: Int
  /// Retries the whole run may spend, over every call.
  public var maxRetriesPerRun: Int
  /// The longest single wait before a retry, in seconds.
  public var maxWaitPerRetry: Double
  /// The first backoff in seconds; doubled on each further retry of a call.
  public var baseBackoff: Double
  /// Returns a number in 0..<1; the backoff is scaled by 0.5 + 0.5 * jitter.
  public var jitter: @Sendable () -> Double
  public var clock: HibobClock
  /// Called before every wait (a retry's backoff, a rate limit): a progress hook for the front
  /// end. Must return quickly; it must not print a token (a `RetryWait` holds none).
  public var onWait: (@Sendable (RetryWait) -> Void)?
  /// How `X-RateLimit-Reset` is read when a 429 has no `Retry-After`: Hibob sends Unix seconds,
  /// Remote the milliseconds until the reset (remote-api.md).
  public var rateLimitReset: RateLimitReset = .unixSeconds

  /// The meaning of an `X-RateLimit-Reset` value.
  public enum RateLimitReset: Sendable, Equatable {
    /// Unix time in seconds (a value below 10^9 is taken as seconds from now [assumed]).
    case unixSeconds
    /// Milliseconds until the window resets (Remote).
    case millisecondsFromNow
  }

  public init(
    maxAttemptsPerCall: Int = 4, maxRetriesPerRun: Int = 30, maxWaitPerRetry: Double = 30,
    baseBackoff: Double = 0.5,
    jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    clock: HibobClock = .system, onWait: (@Sendable (RetryWait) -> Void)? = nil
  ) {
    self.maxAttemptsPerCall = max(1, maxAttemptsPerCall)
    self.maxRetriesPerRun = max(0, maxRetriesPerRun)
    self.maxWaitPerRetry = max(0, maxWaitPerRetry)
    self.baseBackoff = max(0, baseBackoff)
    self.jitter = jitter
    self.clock = clock
    self.onWait = onWait
  }

  public static let `default` = RetryPolicy()

  /// Statuses worth another attempt after a backoff.
  public static let retryableServerStatuses: Set<Int> = [500, 502, 503, 504]

  /// The backoff before retry number `retry` (1 for the first retry), capped.
  public func backoff(retry: Int) -> Double {
    let exponent = Double(max(0, retry - 1))
    let raw = baseBackoff * pow(2, exponent) * (0.5 + 0.5 * min(max(jitter(), 0), 1))
    return min(raw, maxWaitPerRetry)
  }

  /// How long to wait after a 429: `Retry-After` seconds when present (an HTTP date is also
  /// understood), else `X-RateLimit-Reset` as `rateLimitReset` says (Unix seconds relative to
  /// now, or Remote's milliseconds from now), else the backoff. Capped at `maxWaitPerRetry`.
  public func rateLimitWait(_ response: HTTPResponse, retry: Int) -> Double {
    let now = clock.now()
    if let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) {
      if let seconds = Double(value), seconds.isFinite {
        return clamp(seconds)
      }
      if let date = Self.httpDate(value) {
        return clamp(date.timeIntervalSince(now))
      }
    }
    if let value = response.header("x-ratelimit-reset")?.trimmingCharacters(in: .whitespaces),
      let reset = Double(value), reset.isFinite
    {
      if rateLimitReset == .millisecondsFromNow { return clamp(reset / 1000) }
      if reset < 1_000_000_000 { return clamp(reset) }
      return clamp(reset - now.timeIntervalSince1970)
    }
    return max(backoff(retry: retry), min(1, maxWaitPerRetry))
  }

  private func clamp(_ seconds: Double) -> Double { min(max(seconds, 0), maxWaitPerRetry) }

  private static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }
}
