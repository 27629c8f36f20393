import Synchronization

/// A stop flag the command line sets from its SIGINT/SIGTERM handler. The engine checks it
/// between employees: the ones in flight finish, no new one starts. Unlike Task cancellation it
/// does not cut requests in flight.
public final class SyncCancellation: Sendable {
  private let flag = Mutex(false)

  public init() {}

  public func cancel() { flag.withLock { $0 = true } }

  public var isCancelled: Bool { flag.withLock { $0 } }
}
