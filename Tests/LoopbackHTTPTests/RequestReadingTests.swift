import Foundation
import LoopbackHTTP
import TestSupport
import Testing

/// Requests arriving in awkward pieces, over raw sockets.
@Suite struct RequestReadingTests {
  @Test func requestSentOneByteAtATime() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      let request = Array(
        "PUT /echo/slow?a=b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\n\r\nhello world"
          .utf8)
      for byte in request { try client.send([byte]) }
      return try client.readResponse()
    }
    #expect(response.status == 200)
    #expect(response.headers["x-method"] == "PUT")
    #expect(response.headers["x-target"] == "/echo/slow?a=b")
    #expect(response.body == Array("hello world".utf8))
  }

  @Test func bodyArrivingAfterTheHeadersInSeveralPieces() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("POST /echo/split HTTP/1.1\r\nContent-Le")
      usleep(20_000)
      try client.send("ngth: 10\r\n\r")
      usleep(20_000)
      try client.send("\n0123")
      usleep(20_000)
      try client.send("456")
      usleep(20_000)
      try client.send("789")
      return try client.readResponse()
    }
    #expect(response.headers["x-body-count"] == "10")
    #expect(response.body == Array("0123456789".utf8))
  }

  @Test func chunkedRequestBodyIsDecoded() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let (first, second) = try await offPool { () -> (RawResponse, RawResponse) in
      let client = try RawClient(port: port)
      try client.send("POST /echo/chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
      try client.send("5\r\nhello\r\n")
      usleep(10_000)
      try client.send("1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
      let first = try client.readResponse()
      // The connection stays usable after a chunked body.
      try client.send("POST /echo/next HTTP/1.1\r\nContent-Length: 2\r\n\r\nok")
      return (first, try client.readResponse())
    }
    #expect(first.headers["x-body-count"] == "16")
    #expect(first.body == Array("hello 0123456789".utf8))
    #expect(second.body == Array("ok".utf8))
  }

  @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    try await offPool {
      let client = try RawClient(port: port)
      try client.send(
        "POST /echo/e HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
      let interim = try client.readResponse()
      #expect(interim.statusLine == "HTTP/1.1 100 Continue")
      try client.send("data")
      let response = try client.readResponse()
      #expect(response.status == 200)
      #expect(response.body == Array("data".utf8))
    }
  }

  @Test func emptyLinesBeforeTheRequestLineAreSkipped() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("\r\n\r\nGET /echo/after-blank HTTP/1.1\r\n\r\n")
      return try client.readResponse()
    }
    #expect(response.headers["x-target"] == "/echo/after-blank")
  }
}
