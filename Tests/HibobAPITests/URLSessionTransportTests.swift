import Foundation
import HibobAPI
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing

/// Real sockets: URLSessionTransport against the loopback server.
@Suite struct URLSessionTransportTests {
  private final class Hits: Sendable {
    let paths = Mutex<[String]>([])
    func add(_ request: ServerRequest) { paths.withLock { $0.append(request.target) } }
    var all: [String] { paths.withLock { $0 } }
  }

  private let hits = Hits()

  private func makeServer() -> LoopbackServer {
    let hits = self.hits
    return LoopbackServer { request in
      hits.add(request)
      switch (request.method, request.path) {
      case ("GET", "/v1/company/people/fields"):
        return .json(200, Data(#"[{"id":"root.id","categoryId":"root"}]"#.utf8))
      case ("POST", "/v1/echo"):
        let auth = request.headers["authorization"] ?? ""
        return .json(
          200, request.body,
          headers: [("X-Seen-Auth", auth), ("X-Mixed-Case", "v"), ("X-Target", request.target)])
      case ("GET", "/v1/redirect"):
        return ServerResponse(status: 302, headers: [("Location", "/v1/company/people/fields")])
      case ("GET", "/moved/company/people/fields"):
        return ServerResponse(status: 301, headers: [("Location", "https://example.com/v1/x?t=1")])
      case ("GET", "/html/company/people/fields"):
        return ServerResponse(
          status: 200, headers: [("Content-Type", "text/html")],
          body: Data("<html><body>Bob</body></html>".utf8))
      case ("GET", "/v1/slow"):
        // A minute (or until the server stops): no answer can beat the timeout on a loaded machine.
        return .json(200, Data("{}".utf8)).withDelay(60)
      case ("GET", "/v1/html"):
        return ServerResponse(
          status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
          body: Data("<html><body>Page not found</body></html>".utf8))
      case ("GET", "/v1/truncated"):
        return ServerResponse(
          status: 200, headers: [("Content-Type", "application/json")],
          body: Data(#"{"values":[1,2,3]}"#.utf8), fault: .truncateBody(bytes: 5))
      case ("GET", "/v1/trickle"):
        return ServerResponse(
          status: 200, headers: [("Content-Type", "application/json")],
          body: Data(repeating: 0x20, count: 64) + Data("{}".utf8),
          fault: .trickle(chunkSize: 1, interval: 0.1))
      case ("GET", "/v1/denied"), ("GET", "/challenge/company/people/fields"):
        return .json(
          401, Data(#"{"key":"unauthorized","error":"could not be authenticated"}"#.utf8),
          headers: [("WWW-Authenticate", "Basic realm=\"hibob\"")])
      case ("GET", "/v1/close"):
        return ServerResponse(status: 200, fault: .closeConnection)
      default:
        return ServerResponse(status: 404, body: Data("no route".utf8))
      }
    }
  }

  private func request(_ server: LoopbackServer, _ path: String, timeout: Double = 5)
    -> HTTPRequest
  {
    HTTPRequest(method: "GET", url: server.baseURL.appendingPathComponent(path), timeout: timeout)
  }

  @Test func sendsAndReceivesWithLowerCasedHeaders() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    var req = request(server, "/v1/echo")
    req.method = "POST"
    req.url = URL(string: server.baseURL.absoluteString + "/v1/echo?x=1&y=a%20b")!
    req.headers = ["Authorization": "Basic abc", "Content-Type": "application/json"]
    req.body = Data(#"{"a":1}"#.utf8)
    let response = try await URLSessionTransport().send(req)
    #expect(response.status == 200)
    #expect(response.body == Data(#"{"a":1}"#.utf8))
    #expect(response.headers["x-seen-auth"] == "Basic abc")
    #expect(response.headers["x-mixed-case"] == "v")
    #expect(response.headers["x-target"] == "/v1/echo?x=1&y=a%20b")
    #expect(response.header("Content-Type") == "application/json")
    #expect(response.headers.keys.allSatisfy { $0 == $0.lowercased() })
  }

  @Test func redirectsAreNotFollowed() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    let response = try await URLSessionTransport().send(request(server, "/v1/redirect"))
    #expect(response.status == 302)
    #expect(response.header("location") == "/v1/company/people/fields")
    #expect(hits.all == ["/v1/redirect"])
  }

  private func client(_ server: LoopbackServer, base path: String) throws -> HibobClient {
    let base = try HibobHost.validatedBaseURL(server.baseURL.absoluteString + path)
    return HibobClient(
      baseURL: base, credentials: testCredentials, transport: URLSessionTransport(),
      policy: RetryPolicy(maxAttemptsPerCall: 2, clock: ManualClock().hibobClock), timeout: 5)
  }

  @Test func theClientReportsARedirectWithItsHostOnly() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    let error = await expectAPIError { try await client(server, base: "/moved").fieldMetadata() }
    #expect(error?.kind == .redirect(locationHost: "example.com"))
    #expect(error?.records.first?.status == 301)
    #expect(hits.all == ["/moved/company/people/fields"])
  }

  @Test func aSlowServerTimesOut() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    await #expect(throws: TransportError.timedOut) {
      try await URLSessionTransport().send(request(server, "/v1/slow", timeout: 0.5))
    }
  }

  @Test func a401WithAChallengeIsSentOnce() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    var req = request(server, "/v1/denied")
    req.headers["Authorization"] = testCredentials.authorizationHeader
    let response = try await URLSessionTransport().send(req)
    #expect(response.status == 401)
    #expect(response.header("www-authenticate") == "Basic realm=\"hibob\"")
    #expect(hits.all == ["/v1/denied"])
    // Through the client: unauthorized at once, one request, no retry.
    let error = await expectAPIError {
      try await client(server, base: "/challenge").fieldMetadata()
    }
    #expect(error?.kind == .unauthorized)
    #expect(error?.records.first?.attempts == 1)
    #expect(hits.all == ["/v1/denied", "/challenge/company/people/fields"])
  }

  @Test func aTricklingAnswerTimesOutAsAWhole() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    await #expect(throws: TransportError.timedOut) {
      try await URLSessionTransport().send(request(server, "/v1/trickle", timeout: 0.5))
    }
  }

  @Test func aDroppedConnectionIsAConnectionFailure() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    do {
      _ = try await URLSessionTransport().send(request(server, "/v1/close"))
      Issue.record("expected a connection failure")
    } catch let error as TransportError {
      if case .connectionFailed = error {} else { Issue.record("got \(error)") }
    }
  }

  @Test func aClosedPortIsAConnectionFailure() async throws {
    let closed = try ClosedPort()
    let url = closed.url("/v1/company/people/fields?secret=q")
    do {
      _ = try await URLSessionTransport().send(HTTPRequest(method: "GET", url: url, timeout: 5))
      Issue.record("expected a connection failure")
    } catch let error as TransportError {
      guard case .connectionFailed(let message) = error else {
        Issue.record("got \(error)")
        return
      }
      #expect(!message.contains("secret"))
      #expect(!message.contains("/v1"))
    }
  }

  @Test func theClientOverLoopback() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    let fields = try await client(server, base: "/v1").fieldMetadata()
    #expect(fields.value.map(\.id) == ["root.id"])
    #expect(fields.records.first?.status == 200)
    #expect(hits.all == ["/v1/company/people/fields"])
  }

  @Test func htmlAndTruncatedBodiesAreNotData() async throws {
    let server = makeServer()
    defer { server.stop() }
    try server.start()
    let transport = URLSessionTransport()
    let html = try await transport.send(request(server, "/v1/html"))
    #expect(html.status == 200)
    #expect(html.header("content-type") == "text/html; charset=utf-8")
    // Through the client: HTML on 200 is an invalid response, not data, and is not retried.
    let error = await expectAPIError { try await client(server, base: "/html").fieldMetadata() }
    if case .invalidResponse(let reason)? = error?.kind {
      #expect(reason.contains("text/html"))
    } else {
      Issue.record("got \(String(describing: error))")
    }
    #expect(hits.all.filter { $0.hasPrefix("/html/") }.count == 1)
    do {
      _ = try await transport.send(request(server, "/v1/truncated"))
      Issue.record("a truncated body must not come back as a response")
    } catch let error as TransportError {
      #expect(error != .cancelled)
    }
  }
}

extension ServerResponse {
  fileprivate func withDelay(_ seconds: Double) -> ServerResponse {
    var copy = self
    copy.delay = seconds
    return copy
  }
}
