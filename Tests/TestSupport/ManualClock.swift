import Foundation
import Synchronization

/// The one test clock: it moves only when a test advances it or code under test sleeps on it,
/// and it remembers every sleep. Hand `closure` to a simulator, `now` and `sleep(_:)` to a client.
public final class ManualClock: Sendable {
  private let state: Mutex<(now: Date, sleeps: [Double])>

  public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
    state = Mutex((start, []))
  }

  public var now: Date { state.withLock { $0.now } }

  /// Every sleep asked of the clock, in order.
  public var sleeps: [Double] { state.withLock { $0.sleeps } }

  /// Moves the clock without counting a sleep.
  public func advance(by seconds: TimeInterval) {
    state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
  }

  /// A sleep: recorded, and the clock moves by it at once.
  public func sleep(_ seconds: Double) {
    state.withLock {
      $0.sleeps.append(seconds)
      $0.now = $0.now.addingTimeInterval(seconds)
    }
  }

  /// The clock as a `() -> Date` closure (the simulators' `clock`).
  public var closure: @Sendable () -> Date { { [self] in self.now } }
}
