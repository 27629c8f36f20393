import Foundation
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing

@testable import HibobAPI

/// Real sockets: the requests that go on a connection of their own (POST, PUT, PATCH, DELETE),
/// through both of URLSessionTransport's paths for them: libcurl's easy interface
/// (`CurlExchange`, the default) and a URLSession of their own (the fallback when libcurl cannot
/// be loaded). Each test runs on both, so that the two keep the same contract.
@Suite struct WritePathTests {
  private final class Hits: Sendable {
    let requests = Mutex<[ServerRequest]>([])
    func add(_ request: ServerRequest) { requests.withLock { $0.append(request) } }
    var all: [ServerRequest] { requests.withLock { $0 } }
  }

  private let hits = Hits()

  private func makeServer() -> LoopbackServer {
    let hits = self.hits
    return LoopbackServer { request in
      hits.add(request)
      switch request.path {
      case "/echo":
        return .json(
          200, request.body,
          headers: [
            ("X-Method", request.method), ("X-Seen-Auth", request.headers["authorization"] ?? ""),
            ("X-Twice", "a"), ("X-Twice", "b"), ("X-Target", request.target),
            ("X-Seen-Agent", request.headers["user-agent"] ?? ""),
          ])
      case "/slow":
        // Answered only after a minute (or when the server stops), so that on a loaded machine
        // no answer can beat a timeout or a cancel.
        var response = ServerResponse.json(200, Data("{}".utf8))
        response.delay = 60
        return response
      case "/stored-then-dropped":
        return ServerResponse(status: 200, fault: .closeConnection)
      case "/truncated":
        return ServerResponse(
          status: 200, headers: [("Content-Type", "application/json")],
          body: Data(#"{"values":[1,2,3]}"#.utf8), fault: .truncateBody(bytes: 5))
      case "/redirect":
        return ServerResponse(status: 303, headers: [("Location", "/echo")])
      case "/denied":
        return .json(
          401, Data(#"{"error":"no"}"#.utf8), headers: [("WWW-Authenticate", "Bearer")])
      default:
        return .json(200, Data("{}".utf8))
      }
    }
  }

  private func startedServer() throws -> LoopbackServer {
    let server = makeServer()
    try server.start()
    return server
  }

  private func post(_ server: LoopbackServer, _ path: String, timeout: Double = 5)
    -> HTTPRequest
  {
    HTTPRequest(
      method: "POST", url: server.baseURL.appendingPathComponent(path),
      headers: ["Content-Type": "application/json", "Authorization": "Bearer t0ken-fake"],
      body: Data(#"{"a":1}"#.utf8), timeout: timeout)
  }

  @Test func libcurlIsLoadedHere() {
    // Without it every write would silently take the fallback and the tests below would test
    // one path twice.
    #expect(CurlExchange.isAvailable)
  }

  @Test(arguments: [true, false])
  func aWriteAndItsAnswerGoThrough(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let transport = URLSessionTransport(directWrites: direct)
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
      var request = post(server, "/echo")
      request.method = method
      request.url = URL(string: server.baseURL.absoluteString + "/echo?x=1&y=a%20b")!
      let response = try await transport.send(request)
      #expect(response.status == 200)
      #expect(response.body == Data(#"{"a":1}"#.utf8), "\(method)")
      #expect(response.headers["x-method"] == method)
      #expect(response.headers["x-seen-auth"] == "Bearer t0ken-fake")
      #expect(response.headers["x-target"] == "/echo?x=1&y=a%20b")
      #expect(response.headers["x-seen-agent"] == "hibob-remote")
      #expect(response.header("Content-Type") == "application/json")
      #expect(response.headers.keys.allSatisfy { $0 == $0.lowercased() })
      let twice = response.headers["x-twice"]?.replacingOccurrences(of: " ", with: "")
      #expect(twice == "a,b", "both values of a header given twice")
    }
    #expect(hits.all.map(\.method) == ["POST", "PUT", "PATCH", "DELETE"])
    #expect(hits.all.allSatisfy { $0.body == Data(#"{"a":1}"#.utf8) })
  }

  @Test(arguments: [true, false])
  func anEmptyBodyIsSentAsAnEmptyBody(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    var request = post(server, "/echo")
    request.body = Data()
    let response = try await URLSessionTransport(directWrites: direct).send(request)
    #expect(response.status == 200)
    #expect(hits.all.count == 1)
    #expect(hits.all.first?.body.isEmpty == true)
  }

  /// The server stores the POST and drops the connection without a byte of answer, after a
  /// pooled connection was warmed by a read: one POST reaches it, and the client fails at once.
  @Test(arguments: [true, false])
  func aWriteDroppedAfterTheStoreIsSentOnceAndFailsFast(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let transport = URLSessionTransport(directWrites: direct)
    _ = try await transport.send(
      HTTPRequest(method: "GET", url: server.baseURL.appendingPathComponent("/warm")))
    let start = Date()
    do {
      _ = try await transport.send(post(server, "/stored-then-dropped", timeout: 20))
      Issue.record("no error")
    } catch let error as TransportError {
      guard case .connectionFailed(let message) = error else {
        Issue.record("got \(error)")
        return
      }
      #expect(!message.contains("stored-then-dropped"))
    }
    // A resend would hang until the timeout; the bound leaves room for a loaded machine.
    #expect(Date().timeIntervalSince(start) < 15, "the request timeout is 20 s")
    try await Task.sleep(nanoseconds: 300_000_000)
    #expect(hits.all.filter { $0.method == "POST" }.count == 1)
  }

  @Test(arguments: [true, false])
  func aSlowAnswerTimesOut(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    await #expect(throws: TransportError.timedOut) {
      try await URLSessionTransport(directWrites: direct).send(post(server, "/slow", timeout: 0.5))
    }
  }

  @Test(arguments: [true, false])
  func aCancelledWriteEndsAtOnce(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let transport = URLSessionTransport(directWrites: direct)
    // Held for a minute, so that neither an answer nor the 30 s timeout can end it first,
    // however long a loaded machine takes to deliver the cancel.
    let request = post(server, "/slow", timeout: 30)
    let task = Task { try await transport.send(request) }
    while hits.all.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
    let cancelled = Date()
    task.cancel()
    switch await task.result {
    case .success(let response): Issue.record("answered \(response.status)")
    case .failure(let error): #expect(error as? TransportError == .cancelled)
    }
    #expect(Date().timeIntervalSince(cancelled) < 20, "the request timeout is 30 s")
  }

  @Test(arguments: [true, false])
  func aTruncatedAnswerIsAFailure(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    do {
      let response = try await URLSessionTransport(directWrites: direct).send(
        post(server, "/truncated"))
      Issue.record("a truncated body came back as \(response.status)")
    } catch let error as TransportError {
      #expect(error != .cancelled)
    }
  }

  @Test(arguments: [true, false])
  func aRedirectIsNotFollowedAndA401IsAnswered(direct: Bool) async throws {
    let server = try startedServer()
    defer { server.stop() }
    let transport = URLSessionTransport(directWrites: direct)
    let redirected = try await transport.send(post(server, "/redirect"))
    #expect(redirected.status == 303)
    #expect(redirected.header("location") == "/echo")
    let denied = try await transport.send(post(server, "/denied"))
    #expect(denied.status == 401)
    #expect(hits.all.map(\.path) == ["/redirect", "/denied"])
  }

  @Test func aClosedPortFailsNamingTheHostOnly() async throws {
    let closed = try ClosedPort()
    let url = closed.url("/echo?secret=q")
    do {
      _ = try await CurlExchange.send(HTTPRequest(method: "POST", url: url, body: Data()))
      Issue.record("expected a connection failure")
    } catch let error as TransportError {
      #expect(error == .connectionFailed("could not connect to host 127.0.0.1"))
    }
  }

  @Test func aHeaderWithALineBreakIsRefusedBeforeAnythingIsSent() async throws {
    let server = try startedServer()
    defer { server.stop() }
    var request = post(server, "/echo")
    request.headers["X-Injected"] = "a\r\nX-Other: b"
    await #expect(throws: TransportError.connectionFailed("a request header holds a line break")) {
      try await CurlExchange.send(request)
    }
    #expect(hits.all.isEmpty)
  }

  @Test func headersComeFromTheLastAnswersBlock() {
    let headers = CurlExchange.headers(
      from: "HTTP/1.1 200 OK\r\nContent-Type:  application/json \r\nSet: a\r\nset: b\r\n"
        + "X-Empty:\r\nno colon here\r\n\r\n")
    #expect(headers == ["content-type": "application/json", "set": "a, b", "x-empty": ""])
  }

  @Test func curlCodesBecomeTransportErrorsThatNameTheHostOnly() {
    #expect(CurlExchange.transportError(code: 28, osErrno: 0, host: "h") == .timedOut)
    #expect(CurlExchange.transportError(code: 42, osErrno: 0, host: "h") == .cancelled)
    #expect(
      CurlExchange.transportError(code: 7, osErrno: Int(ETIMEDOUT), host: "h") == .timedOut)
    #expect(
      CurlExchange.transportError(code: 52, osErrno: 0, host: "h")
        == .connectionFailed("the connection to host h was lost"))
    #expect(
      CurlExchange.transportError(code: 60, osErrno: 0, host: nil)
        == .connectionFailed(
          "the TLS connection to the host failed (certificate or handshake)"))
    #expect(
      CurlExchange.transportError(code: 99, osErrno: 0, host: "h")
        == .connectionFailed("curl error 99 talking to host h"))
  }
}
