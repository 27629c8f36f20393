import Foundation
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct LifecycleTests {
  @Test func stopTwiceAndStopBeforeStart() throws {
    let never = LoopbackServer(handler: testRoutes)
    never.stop()
    never.stop()
    #expect(throws: LoopbackServerError.stopped) { try never.start() }

    let server = try startedServer()
    server.stop()
    server.stop()
    #expect(server.port > 0)
  }

  @Test func startTwiceIsRefused() throws {
    let server = try startedServer()
    defer { server.stop() }
    #expect(throws: LoopbackServerError.alreadyStarted) { try server.start() }
  }

  @Test func portInUseGivesAClearErrorAndStopAfterwardsIsSafe() throws {
    let first = try startedServer()
    defer { first.stop() }
    let second = LoopbackServer(port: first.port, handler: testRoutes)
    defer { second.stop() }
    do {
      try second.start()
      Issue.record("a second server started on port \(first.port)")
    } catch let error as LoopbackServerError {
      #expect(error == .addressInUse(host: "127.0.0.1", port: first.port))
      #expect(error.description.contains("\(first.port)"))
      #expect(error.description.contains("already in use"))
    }
    #expect(second.port == 0)
    second.stop()
    second.stop()
  }

  @Test(arguments: ["10.0.0.1", "0.0.0.0", "192.168.1.2", "example.com", "::", ""])
  func nonLoopbackHostsAreRefused(_ host: String) throws {
    let server = LoopbackServer(host: host, handler: testRoutes)
    defer { server.stop() }
    #expect(throws: LoopbackServerError.notLoopback(host: host)) { try server.start() }
  }

  @Test func invalidPortIsRefused() throws {
    let server = LoopbackServer(port: 70_000, handler: testRoutes)
    #expect(throws: LoopbackServerError.invalidPort(70_000)) { try server.start() }
  }

  @Test(arguments: ["localhost", "127.0.0.2"])
  func otherLoopbackSpellingsWork(_ host: String) async throws {
    let server = LoopbackServer(host: host, handler: testRoutes)
    defer { server.stop() }
    let port = try server.start()
    let expectedHost = host == "localhost" ? "127.0.0.1" : host
    #expect(server.baseURL.absoluteString == "http://\(expectedHost):\(port)")
    let (data, _) = try await URLSession.shared.data(
      from: URL(string: "\(server.baseURL)/echo/\(host)")!)
    #expect(data.isEmpty)
  }

  @Test func ipv6LoopbackWorksWhereTheMachineHasIPv6() async throws {
    let server = LoopbackServer(host: "::1", handler: testRoutes)
    defer { server.stop() }
    let port: Int
    do {
      port = try server.start()
    } catch LoopbackServerError.socketFailed(_, let code)
      where code == EAFNOSUPPORT || code == EADDRNOTAVAIL
    {
      return  // no IPv6 on this machine: nothing to check
    }
    #expect(server.baseURL.absoluteString == "http://[::1]:\(port)")
    // URLSession on Linux refuses IPv6 literal URLs (-1000), so a raw client checks it.
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port, ipv6: true)
      try client.send("GET /echo/v6 HTTP/1.1\r\n\r\n")
      return try client.readResponse()
    }
    #expect(response.headers["x-target"] == "/echo/v6")
  }

  @Test func stopClosesIdleKeepAliveConnectionsAndTheListener() async throws {
    let server = try startedServer()
    let port = server.port
    let clients = try await offPool { () -> [RawClient] in
      try (0..<3).map { i in
        let client = try RawClient(port: port)
        try client.send("GET /echo/\(i) HTTP/1.1\r\n\r\n")
        _ = try client.readResponse()
        return client
      }
    }
    server.stop()
    for client in clients {
      #expect(try await offPool { try client.readToEnd() }.isEmpty)
    }
    #expect(throws: RawClientError.self) { try RawClient(port: port) }
  }

  @Test func releasingARunningServerStopsIt() async throws {
    var server: LoopbackServer? = try startedServer()
    let port = try #require(server?.port)
    let client = try await offPool { () -> RawClient in
      let client = try RawClient(port: port)
      try client.send("GET /echo/x HTTP/1.1\r\n\r\n")
      _ = try client.readResponse()
      return client
    }
    server = nil
    #expect(server == nil)
    #expect(try await offPool { try client.readToEnd() }.isEmpty)
    #expect(throws: RawClientError.self) { try RawClient(port: port) }
  }

  @Test func stopFromInsideAHandlerReturnsAndClosesTheConnection() async throws {
    let holder = ServerHolder()
    let server = try startedServer { _ in
      holder.server?.stop()
      return ServerResponse(status: 200, body: Data("after stop".utf8))
    }
    holder.server = server
    let port = server.port
    let bytes = try await offPool { () -> [UInt8] in
      let client = try RawClient(port: port)
      try client.send("GET /stop HTTP/1.1\r\n\r\n")
      return try client.readToEnd()
    }
    #expect(bytes.isEmpty)
    #expect(throws: RawClientError.self) { try RawClient(port: port) }
    holder.server = nil
  }

  @Test func invalidStatusFromAHandlerBecomes500() async throws {
    let server = try startedServer { _ in ServerResponse(status: 42) }
    defer { server.stop() }
    let port = server.port
    let response = try await offPool { () -> RawResponse in
      let client = try RawClient(port: port)
      try client.send("GET /x HTTP/1.1\r\n\r\n")
      return try client.readResponse()
    }
    #expect(response.statusLine == "HTTP/1.1 500 Internal Server Error")
    #expect(String(decoding: response.body, as: UTF8.self).contains("42"))
  }

  @Test func errorDescriptionsSayWhatToDo() {
    #expect(
      LoopbackServerError.notLoopback(host: "10.0.0.1").description.contains("loopback"))
    #expect(LoopbackServerError.invalidPort(-1).description.contains("-1"))
    #expect(LoopbackServerError.stopped.description.contains("new one"))
    let failed = LoopbackServerError.socketFailed(operation: "listen", errno: EMFILE)
    #expect(failed.description.contains("Too many open files"))
  }
}

/// Lets a handler reach the server that runs it.
final class ServerHolder: Sendable {
  private let value = Mutex<LoopbackServer?>(nil)
  var server: LoopbackServer? {
    get { value.withLock { $0 } }
    set { value.withLock { $0 = newValue } }
  }
}
