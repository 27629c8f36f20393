import Dispatch
import Foundation
import Testing

@testable import LoopbackHTTP

/// The handler's jobs run on the connection's own thread: an answer does not wait for the
/// shared cooperative pool, which other work (a CPU-heavy test, a blocking call) may hold.
@Suite struct BusyPoolTests {
  @Test func anAnswerArrivesWhileEveryPoolThreadIsBlocked() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let threads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    let answered = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    // A plain thread asks once the pool is taken, then releases the blockers.
    Thread {
      Thread.sleep(forTimeInterval: 0.2)
      do {
        let client = try RawClient(port: port)
        try client.send("GET /echo/busy HTTP/1.1\r\n\r\n")
        outcome.set(try client.readResponse().headers["x-target"])
      } catch {
        outcome.set("error: \(error)")
      }
      for _ in 0..<threads { answered.signal() }
    }.start()
    // Every cooperative thread blocks until the answer came (or 5 s pass, which fails the test).
    let waits = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<threads {
        group.addTask { answered.wait(timeout: .now() + 5) == .success }
      }
      var all: [Bool] = []
      for await ok in group { all.append(ok) }
      return all
    }
    #expect(waits.allSatisfy { $0 }, "the answer waited for the pool")
    #expect(outcome.value == "/echo/busy")
  }
}

private final class Outcome: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: String?

  func set(_ value: String?) {
    lock.lock()
    stored = value
    lock.unlock()
  }

  var value: String? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
