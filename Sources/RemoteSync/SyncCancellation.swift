import Synchronization

/// A stop flag the command line sets from its SIGINT/SIGTERM handler. Once set, no new employee
/// and no new request to Remote starts, and every wait (a rate limit, a backoff) ends at once.
public final class SyncCancellation: Sendable {
  private let flag = Mutex(false)

  public init() {}

  public func cancel() { flag.withLock { $0 = true } }

  public var isCancelled: Bool { flag.withLock { $0 } }

  /// Sleeps `seconds` through `sleep` in slices of at most 50 ms, throwing `CancellationError`
  /// as soon as the flag is set (or the task is cancelled).
  public func sleep(
    _ seconds: Double, using sleep: @Sendable (Double) async throws -> Void
  ) async throws {
    var left = max(0, seconds)
    repeat {
      if isCancelled || Task.isCancelled { throw CancellationError() }
      let slice = min(left, 0.05)
      if slice > 0 { try await sleep(slice) }
      left -= slice
    } while left > 0
    if isCancelled { throw CancellationError() }
  }
}
