import Foundation
import LoopbackHTTP
import TestSupport
import Testing

/// Faults and delays, observed from a raw socket client.
@Suite struct FaultAndDelayTests {
  @Test func closeConnectionSendsNoByteAtAll() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let bytes = try await offPool { () -> [UInt8] in
      let client = try RawClient(port: port)
      try client.send("GET /fault-close HTTP/1.1\r\n\r\n")
      return try client.readToEnd()
    }
    #expect(bytes.isEmpty)
  }

  @Test(arguments: [0, 1, 400, 999])
  func truncateBodySendsFullLengthHeaderThenFewerBytes(_ sent: Int) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let bytes = try await offPool { () -> [UInt8] in
      let client = try RawClient(port: port)
      try client.send("GET /fault-truncate/\(sent) HTTP/1.1\r\n\r\n")
      return try client.readToEnd()
    }
    let response = try #require(RawResponse.parse(bytes))
    #expect(response.status == 200)
    #expect(response.headers["content-length"] == "1000")
    #expect(response.headers["connection"] == "close")
    #expect(response.body == [UInt8](patternBytes(1000).prefix(sent)))
  }

  @Test func trickleDeliversTheWholeResponseInPieces() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let (response, reads, next) = try await offPool { () -> (RawResponse, Int, RawResponse) in
      let client = try RawClient(port: port)
      try client.send("GET /fault-trickle/100/0.02 HTTP/1.1\r\n\r\n")
      var bytes: [UInt8] = []
      var reads = 0
      var response: RawResponse?
      while response == nil || response!.body.count < 100 {
        guard let chunk = try client.readSome() else { break }
        bytes += chunk
        reads += 1
        response = RawResponse.parse(bytes)
      }
      // The connection stays open for the next request after a trickled response.
      try client.send("GET /echo/after HTTP/1.1\r\n\r\n")
      return (try #require(response), reads, try client.readResponse())
    }
    #expect(response.headers["content-length"] == "100")
    #expect(response.body == [UInt8](patternBytes(100)))
    // 7-byte chunks with 20 ms pauses (half a second in all) do not arrive in one read.
    #expect(reads > 1)
    #expect(next.headers["x-target"] == "/echo/after")
  }

  @Test func delayedResponseArrivesWhileOtherConnectionsAreServed() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    // A delay of 0.3 s arrives complete.
    let late = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("GET /delay/0.3 HTTP/1.1\r\n\r\n")
      return try client.readResponse()
    }
    #expect(late.body == Array("late".utf8))
    // A 60 s delay on one connection does not hold up another.
    let slow = try await offPool { () -> RawClient in
      let client = try RawClient(port: port)
      try client.send("GET /delay/60 HTTP/1.1\r\n\r\n")
      return client
    }
    let quick = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("GET /echo/quick HTTP/1.1\r\n\r\n")
      return try client.readResponse()
    }
    #expect(quick.status == 200)
    // Stopping ends the delayed one without a response (the client reads end of stream well
    // before its own 10 s timeout, let alone 60 s).
    server.stop()
    let rest = try await offPool { try slow.readToEnd() }
    #expect(rest.isEmpty)
  }

  @Test func stopDuringATrickleEndsTheResponse() async throws {
    let server = try startedServer()
    let port = server.port
    let client = try await offPool { () -> RawClient in
      let client = try RawClient(port: port)
      try client.send("GET /fault-trickle/1000/1 HTTP/1.1\r\n\r\n")
      _ = try client.readSome()  // the first 7 bytes
      return client
    }
    server.stop()
    let rest = try await offPool { try client.readToEnd() }
    #expect(rest.count < 1000)
  }

  @Test func stopWhileAHandlerSleepsClosesItsConnection() async throws {
    let server = try startedServer()
    let port = server.port
    let client = try await offPool { () -> RawClient in
      let client = try RawClient(port: port)
      try client.send("GET /sleeping-handler HTTP/1.1\r\n\r\n")
      return client
    }
    // Wait until the server has read the request, by serving another one after it.
    let other = try await offPool { () -> RawResponse in
      let c = try RawClient(port: port)
      try c.send("GET /echo/x HTTP/1.1\r\n\r\n")
      return try c.readResponse()
    }
    #expect(other.status == 200)
    server.stop()
    let rest = try await offPool { try client.readToEnd() }
    #expect(rest.isEmpty)
  }
}
