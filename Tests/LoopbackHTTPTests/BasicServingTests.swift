import Foundation
import FoundationNetworking
import LoopbackHTTP
import Testing

/// Echoes method, target and body back; the body is the request body unchanged.
let echoHandler: RequestHandler = { request in
  ServerResponse(
    status: 200,
    headers: [
      ("X-Method", request.method), ("X-Target", request.target),
      ("X-Body-Count", String(request.body.count)),
    ], body: request.body)
}

@Suite struct BasicServingTests {
  @Test func servesAURLSessionRequest() async throws {
    let server = LoopbackServer(handler: echoHandler)
    defer { server.stop() }
    let port = try server.start()
    #expect(port > 0)
    #expect(server.port == port)
    #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(port)")
    var request = URLRequest(url: URL(string: "\(server.baseURL)/v1/people?x=1")!)
    request.httpMethod = "POST"
    request.httpBody = Data("hello".utf8)
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    #expect(http.statusCode == 200)
    #expect(http.value(forHTTPHeaderField: "X-Method") == "POST")
    #expect(http.value(forHTTPHeaderField: "X-Target") == "/v1/people?x=1")
    #expect(String(decoding: data, as: UTF8.self) == "hello")
  }

  @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let server = LoopbackServer(handler: echoHandler)
    defer { server.stop() }
    let client = try RawClient(port: try server.start())
    for i in 0..<5 {
      try client.send("POST /n/\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab\(i)")
      let response = try client.readResponse()
      #expect(response.statusLine == "HTTP/1.1 200 OK")
      #expect(response.headers["connection"] == "keep-alive")
      #expect(response.headers["x-target"] == "/n/\(i)")
      #expect(response.body == Array("ab\(i)".utf8))
    }
    try client.send("GET /last HTTP/1.1\r\nConnection: close\r\n\r\n")
    let last = try client.readResponse()
    #expect(last.headers["connection"] == "close")
    #expect(try client.readSome() == nil)
  }
}
