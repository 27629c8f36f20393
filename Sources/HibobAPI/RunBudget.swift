import Foundation
import Synchronization

/// Counts of one run's HTTP traffic, for the report.
public struct RunStats: Sendable, Equatable, Codable {
  /// Requests sent (every attempt counts).
  public var requests: Int
  /// Attempts that were retries of an earlier one.
  public var retries: Int
  /// Answers with status 429.
  public var rateLimitedAnswers: Int
  /// Seconds spent waiting before retries and for the client-side rate limiter.
  public var waitedSeconds: Double

  public init(
    requests: Int = 0, retries: Int = 0, rateLimitedAnswers: Int = 0, waitedSeconds: Double = 0
  ) {
    self.requests = requests
    self.retries = retries
    self.rateLimitedAnswers = rateLimitedAnswers
    self.waitedSeconds = waitedSeconds
  }

  enum CodingKeys: String, CodingKey {
    case requests, retries
    case rateLimitedAnswers = "rate_limited_answers"
    case waitedSeconds = "waited_seconds"
  }
}

/// One run's shared budget: counts requests, retries and 429s over every call, and holds the
/// optional overall deadline. Share one instance between every client of a run.
public final class RunBudget: Sendable {
  /// Past this instant, calls fail fast with `.deadline`.
  public let deadline: Date?
  private let state = Mutex(RunStats())

  public init(deadline: Date? = nil) {
    self.deadline = deadline
  }

  public var stats: RunStats { state.withLock { $0 } }

  func recordRequest() { state.withLock { $0.requests += 1 } }
  func recordRateLimited() { state.withLock { $0.rateLimitedAnswers += 1 } }
  func recordWait(_ seconds: Double) { state.withLock { $0.waitedSeconds += seconds } }

  /// Takes one retry from the run's budget; false when `limit` retries were already spent.
  func reserveRetry(limit: Int) -> Bool {
    state.withLock { stats in
      guard stats.retries < limit else { return false }
      stats.retries += 1
      return true
    }
  }

  /// Seconds left before the deadline (`nil`: no deadline).
  func remaining(at now: Date) -> Double? {
    deadline.map { $0.timeIntervalSince(now) }
  }
}
