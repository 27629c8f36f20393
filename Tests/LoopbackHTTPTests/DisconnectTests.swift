import Foundation
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Clients that go away at the worst moment must not crash the server or stop it serving.
@Suite struct DisconnectTests {
  @Test func clientGoneMidBodyThenTheNextClientIsServed() async throws {
    let calls = Counter()
    let server = try startedServer { request in
      calls.increment()
      return await testRoutes(request)
    }
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let quitter = try RawClient(port: port)
      try quitter.send("POST /echo/q HTTP/1.1\r\nContent-Length: 100000\r\n\r\n")
      try quitter.send([UInt8](repeating: 1, count: 5000))
      quitter.close()
      let next = try RawClient(port: port)
      try next.send("GET /echo/next HTTP/1.1\r\n\r\n")
      return try next.readResponse()
    }
    #expect(response.headers["x-target"] == "/echo/next")
    // The cut-off request never reached the handler.
    #expect(calls.value == 1)
  }

  @Test func clientGoneMidHeadersThenTheNextClientIsServed() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let quitter = try RawClient(port: port)
      try quitter.send("GET /echo/q HTTP/1.1\r\nHost: loc")
      quitter.close()
      let next = try RawClient(port: port)
      try next.send("GET /echo/next HTTP/1.1\r\n\r\n")
      return try next.readResponse()
    }
    #expect(response.status == 200)
  }

  @Test func clientGoneMidResponseThenTheNextClientIsServed() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      for _ in 0..<3 {
        let quitter = try RawClient(port: port)
        try quitter.send("GET /zeros/30000000 HTTP/1.1\r\n\r\n")
        _ = try quitter.readSome()
        quitter.resetOnClose()
        quitter.close()
      }
      let next = try RawClient(port: port)
      try next.send("GET /bytes/1000 HTTP/1.1\r\n\r\n")
      return try next.readResponse()
    }
    #expect(response.body == [UInt8](patternBytes(1000)))
  }

  @Test func clientGoneDuringADelayThenTheNextClientIsServed() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let quitter = try RawClient(port: port)
      try quitter.send("GET /delay/0.2 HTTP/1.1\r\n\r\n")
      quitter.close()
      usleep(300_000)
      let next = try RawClient(port: port)
      try next.send("GET /echo/next HTTP/1.1\r\n\r\n")
      return try next.readResponse()
    }
    #expect(response.status == 200)
  }
}

/// A thread-safe counter.
final class Counter: Sendable {
  private let count = Mutex(0)
  func increment() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}
