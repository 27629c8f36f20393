import Foundation
import LoopbackHTTP
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite struct BasicServingTests {
  @Test func servesAURLSessionRequest() async throws {
    let server = LoopbackServer(handler: testRoutes)
    defer { server.stop() }
    #expect(server.port == 0)
    let port = try server.start()
    #expect(port > 0)
    #expect(server.port == port)
    #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(port)")
    var request = URLRequest(url: URL(string: "\(server.baseURL)/echo/x?y=1%202")!)
    request.httpMethod = "POST"
    request.httpBody = Data("hello".utf8)
    request.setValue("Yes", forHTTPHeaderField: "X-Mixed-Case")
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    #expect(http.statusCode == 200)
    #expect(http.value(forHTTPHeaderField: "X-Method") == "POST")
    #expect(http.value(forHTTPHeaderField: "X-Target") == "/echo/x?y=1%202")
    let names = http.value(forHTTPHeaderField: "X-Header-Names") ?? ""
    #expect(names.split(separator: ",").contains("x-mixed-case"))
    #expect(names == names.lowercased())
    #expect(String(decoding: data, as: UTF8.self) == "hello")
  }

  @Test func answersUnknownRoutesWith404() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let (data, response) = try await URLSession.shared.data(
      from: URL(string: "\(server.baseURL)/nowhere")!)
    #expect((response as? HTTPURLResponse)?.statusCode == 404)
    #expect(String(decoding: data, as: UTF8.self) == "no route")
  }

  @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    try await offPool {
      let client = try RawClient(port: port)
      for i in 0..<5 {
        try client.send("POST /echo/\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab\(i)")
        let response = try client.readResponse()
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.headers["connection"] == "keep-alive")
        #expect(response.headers["x-target"] == "/echo/\(i)")
        #expect(response.body == Array("ab\(i)".utf8))
      }
      try client.send("GET /echo/last HTTP/1.1\r\nConnection: close\r\n\r\n")
      let last = try client.readResponse()
      #expect(last.headers["connection"] == "close")
      #expect(last.headers["x-target"] == "/echo/last")
      #expect(try client.readSome() == nil)
    }
  }

  @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    try await offPool {
      let client = try RawClient(port: port)
      try client.send(
        "POST /echo/1 HTTP/1.1\r\nContent-Length: 2\r\n\r\nonGET /echo/2 HTTP/1.1\r\n\r\n"
          + "GET /echo/3 HTTP/1.1\r\nConnection: close\r\n\r\n")
      let first = try client.readResponse()
      let second = try client.readResponse()
      let third = try client.readResponse()
      #expect(first.headers["x-target"] == "/echo/1")
      #expect(first.body == Array("on".utf8))
      #expect(second.headers["x-target"] == "/echo/2")
      #expect(second.body.isEmpty)
      #expect(third.headers["x-target"] == "/echo/3")
      #expect(try client.readSome() == nil)
    }
  }

  @Test func handlerConnectionCloseClosesAfterTheResponse() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let bytes = try await offPool { () -> [UInt8] in
      let client = try RawClient(port: port)
      try client.send("GET /close HTTP/1.1\r\n\r\n")
      return try client.readToEnd()
    }
    let response = try #require(RawResponse.parse(bytes))
    #expect(response.headers["connection"] == "close")
    #expect(response.body == Array("x".utf8))
  }

  @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    try await offPool {
      let client = try RawClient(port: port)
      try client.send("GET /echo/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
      #expect(try client.readResponse().headers["connection"] == "keep-alive")
      try client.send("GET /echo/b HTTP/1.0\r\n\r\n")
      let response = try client.readResponse()
      #expect(response.headers["connection"] == "close")
      #expect(response.headers["x-target"] == "/echo/b")
      #expect(try client.readSome() == nil)
    }
  }

  @Test func statusLineHasAReasonPhraseAndHeadHasNoBody() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    try await offPool {
      let client = try RawClient(port: port)
      try client.send("GET /status/431 HTTP/1.1\r\n\r\n")
      let response = try client.readResponse()
      #expect(response.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
      #expect(response.body == Array("body".utf8))
      try client.send("GET /status/299 HTTP/1.1\r\n\r\n")
      #expect(try client.readResponse().statusLine == "HTTP/1.1 299 Success")
      // HEAD: the GET's Content-Length, no body; then 204: neither.
      try client.send("HEAD /bytes/5 HTTP/1.1\r\n\r\nGET /status/204 HTTP/1.1\r\n\r\n")
      let head = try client.readResponse(expectBody: false)
      #expect(head.headers["content-length"] == "5")
      let noContent = try client.readResponse()
      #expect(noContent.statusLine == "HTTP/1.1 204 No Content")
      #expect(noContent.headers["content-length"] == nil)
      try client.send("GET /bytes/3 HTTP/1.1\r\nConnection: close\r\n\r\n")
      let rest = try client.readToEnd()
      #expect(RawResponse.parse(rest)?.body == [0, 1, 2])
    }
  }
}
