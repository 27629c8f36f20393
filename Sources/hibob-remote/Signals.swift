import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM as an async event: `simulate` serves until one arrives, `sync --every` stops
/// after the employee in flight. The default actions are replaced only while a trap exists.
/// `@unchecked`: the dispatch sources are written once in `init` and only cancelled in `deinit`.
final class SignalTrap: @unchecked Sendable {
  private let sources: [any DispatchSourceSignal]
  private let stream: AsyncStream<Int32>
  private let continuation: AsyncStream<Int32>.Continuation

  init(signals: [Int32] = [SIGINT, SIGTERM]) {
    let (stream, continuation) = AsyncStream<Int32>.makeStream()
    self.stream = stream
    self.continuation = continuation
    var sources: [any DispatchSourceSignal] = []
    for number in signals {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { continuation.yield(number) }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
  }

  /// Waits for the first signal and returns its number.
  func wait() async -> Int32 {
    for await number in stream { return number }
    return SIGTERM
  }

  /// Calls `handler` on the first signal, from a background task.
  func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
    let stream = self.stream
    Task.detached {
      for await number in stream {
        handler(number)
        return
      }
    }
  }

  /// Calls `handler` on every signal with how many have arrived (1 for the first), from a
  /// background task.
  func onEverySignal(_ handler: @escaping @Sendable (Int32, Int) -> Void) {
    let stream = self.stream
    Task.detached {
      var count = 0
      for await number in stream {
        count += 1
        handler(number, count)
      }
    }
  }

  deinit {
    for source in sources { source.cancel() }
    continuation.finish()
  }
}
