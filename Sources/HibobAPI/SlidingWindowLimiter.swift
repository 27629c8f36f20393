import Foundation

/// A client-side limit: at most `limit` requests in any `window` seconds (people search: 50 a
/// minute). `acquire` waits rather than let the request over the limit go out.
public struct RateLimit: Sendable, Equatable {
  public var limit: Int
  public var window: Double

  public init(limit: Int, window: Double) {
    self.limit = max(1, limit)
    self.window = max(0, window)
  }

  /// `POST /people/search`: 50 a minute [doc].
  public static let peopleSearch = RateLimit(limit: 50, window: 60)
}

actor SlidingWindowLimiter {
  let rate: RateLimit
  let clock: HibobClock
  private var sent: [Date] = []

  init(rate: RateLimit, clock: HibobClock) {
    self.rate = rate
    self.clock = clock
  }

  /// Waits until a request may go out and books it. Returns the seconds waited. Throws
  /// `.deadline` when the wait would end after `deadline`.
  func acquire(
    deadline: Date?, willWait: @Sendable (Double) -> Void = { _ in }
  ) async throws(HibobAPIError) -> Double {
    var waited = 0.0
    while true {
      let now = clock.now()
      sent.removeAll { now.timeIntervalSince($0) >= rate.window }
      if sent.count < rate.limit {
        sent.append(now)
        return waited
      }
      let wait = max(0, rate.window - now.timeIntervalSince(sent[0]))
      if let deadline, now.addingTimeInterval(wait) > deadline { throw HibobAPIError(.deadline) }
      willWait(wait)
      do {
        try await clock.sleep(wait)
      } catch {
        throw HibobAPIError(.transport(.cancelled))
      }
      waited += wait
    }
  }
}
