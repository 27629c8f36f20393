import Foundation
import LoopbackHTTP
import TestSupport
import Testing

/// Requests the server refuses: it answers the status, then closes the connection.
@Suite struct RefusedRequestTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var request: [UInt8]
    var status: Int
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "garbage request line", request: Array("HELLO\r\n\r\n".utf8), status: 400),
    Case(
      name: "request line with two spaces",
      request: Array("GET  /x HTTP/1.1\r\n\r\n".utf8), status: 400),
    Case(name: "not HTTP", request: Array("GET /x FTP/1.1\r\n\r\n".utf8), status: 400),
    Case(name: "HTTP/2.0", request: Array("GET /x HTTP/2.0\r\n\r\n".utf8), status: 505),
    Case(
      name: "header without a colon",
      request: Array("GET /x HTTP/1.1\r\nNoColon\r\n\r\n".utf8), status: 400),
    Case(
      name: "space before the colon",
      request: Array("GET /x HTTP/1.1\r\nHost : x\r\n\r\n".utf8), status: 400),
    Case(
      name: "folded header line",
      request: Array("GET /x HTTP/1.1\r\nA: b\r\n c\r\n\r\n".utf8), status: 400),
    Case(
      name: "negative Content-Length",
      request: Array("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n".utf8), status: 400),
    Case(
      name: "two different Content-Lengths",
      request: Array("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8),
      status: 400),
    Case(
      name: "Content-Length and chunked",
      request: Array(
        "POST /x HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8),
      status: 400),
    Case(
      name: "gzip transfer coding",
      request: Array("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n".utf8),
      status: 501),
    Case(
      name: "bad chunk size",
      request: Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8),
      status: 400),
    Case(
      name: "negative chunk size",
      request: Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n".utf8),
      status: 400),
    Case(
      name: "chunk data not followed by CRLF",
      request: Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n".utf8),
      status: 400),
    Case(
      name: "body over 256 MiB",
      request: Array("POST /x HTTP/1.1\r\nContent-Length: 268435457\r\n\r\n".utf8), status: 413),
    Case(
      name: "chunked body over 256 MiB",
      request: Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000001\r\n".utf8),
      status: 413),
    Case(
      name: "headers over 64 KiB",
      request: Array(
        ("GET /x HTTP/1.1\r\n" + String(repeating: "X-Filler: 0123456789abcdef\r\n", count: 2500))
          .utf8), status: 431),
    Case(
      name: "one header line over 64 KiB",
      request: Array(
        ("GET /x HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 70_000) + "\r\n\r\n").utf8),
      status: 431),
  ]

  @Test(arguments: cases) func refusedWithStatusThenClosed(_ c: Case) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let bytes = try await offPool { () -> [UInt8] in
      let client = try RawClient(port: port)
      try client.send(c.request)
      return try client.readToEnd()
    }
    let response = try #require(RawResponse.parse(bytes))
    #expect(response.status == c.status)
    #expect(response.headers["connection"] == "close")
    #expect(Int(response.headers["content-length"] ?? "") == response.body.count)
  }

  @Test func headersJustUnder64KiBAreAccepted() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let filler = String(repeating: "b", count: 60_000)
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("GET /echo/big HTTP/1.1\r\nX-Big: \(filler)\r\n\r\n")
      return try client.readResponse()
    }
    #expect(response.status == 200)
    #expect(response.headers["x-header-names"] == "x-big")
  }

  @Test func serverKeepsServingAfterRefusingARequest() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let (refused, served) = try await offPool { () -> ([UInt8], RawResponse) in
      let bad = try RawClient(port: port)
      try bad.send("BROKEN\r\n\r\n")
      let refused = try bad.readToEnd()
      let good = try RawClient(port: port)
      try good.send("GET /echo/ok HTTP/1.1\r\n\r\n")
      return (refused, try good.readResponse())
    }
    #expect(RawResponse.parse(refused)?.status == 400)
    #expect(served.status == 200)
  }
}
