import Foundation
import LoopbackHTTP
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite struct BodyAndConcurrencyTests {
  @Test func severalMegabyteBodiesBothWaysThroughURLSession() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let upload = patternBytes(6 * 1024 * 1024 + 17, seed: 3)
    var request = URLRequest(url: URL(string: "\(server.baseURL)/echo/upload")!)
    request.httpMethod = "POST"
    let (echoed, response) = try await URLSession.shared.upload(for: request, from: upload)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Body-Count") == "6291473")
    #expect(echoed == upload)

    let size = 8 * 1024 * 1024 + 5
    let (download, _) = try await URLSession.shared.data(
      from: URL(string: "\(server.baseURL)/bytes/\(size)")!)
    #expect(download == patternBytes(size))
  }

  @Test func severalMegabyteBodiesBothWaysOverARawSocket() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let port = server.port
    let upload = [UInt8](patternBytes(3 * 1024 * 1024, seed: 9))
    let (echoed, downloaded) = try await offPool { () -> (RawResponse, RawResponse) in
      let client = try RawClient(port: port)
      try client.send("POST /echo/raw HTTP/1.1\r\nContent-Length: \(upload.count)\r\n\r\n")
      try client.send(upload)
      let echoed = try client.readResponse()
      try client.send("GET /bytes/5000000 HTTP/1.1\r\n\r\n")
      return (echoed, try client.readResponse())
    }
    #expect(echoed.body == upload)
    #expect(downloaded.body == [UInt8](patternBytes(5_000_000)))
  }

  @Test func fiftyConcurrentURLSessionRequests() async throws {
    let server = try startedServer()
    defer { server.stop() }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = 50
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let base = server.baseURL
    let results = try await withThrowingTaskGroup(of: (Int, Int, Data).self) { group in
      for i in 0..<50 {
        group.addTask {
          var request = URLRequest(url: URL(string: "\(base)/echo/\(i)")!)
          request.httpMethod = "POST"
          request.httpBody = Data("request \(i)".utf8)
          let (data, response) = try await session.data(for: request)
          return (i, (response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }
      }
      var all: [(Int, Int, Data)] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 50)
    for (i, status, data) in results {
      #expect(status == 200)
      #expect(String(decoding: data, as: UTF8.self) == "request \(i)")
    }
  }

  @Test func handlersRunConcurrently() async throws {
    // Each handler waits until all three have arrived: this only finishes if they overlap.
    let arrivals = Arrivals(expected: 3)
    let server = try startedServer { request in
      await arrivals.arriveAndWait()
      return ServerResponse(status: 200, body: Data(request.path.utf8))
    }
    defer { server.stop() }
    let base = server.baseURL
    let bodies = try await withThrowingTaskGroup(of: String.self) { group in
      for i in 0..<3 {
        group.addTask {
          let (data, _) = try await URLSession.shared.data(from: URL(string: "\(base)/c\(i)")!)
          return String(decoding: data, as: UTF8.self)
        }
      }
      var all: [String] = []
      for try await body in group { all.append(body) }
      return all.sorted()
    }
    #expect(bodies == ["/c0", "/c1", "/c2"])
  }
}

/// A barrier for `expected` tasks.
actor Arrivals {
  private let expected: Int
  private var count = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(expected: Int) { self.expected = expected }

  func arriveAndWait() async {
    count += 1
    if count >= expected {
      for continuation in waiting { continuation.resume() }
      waiting = []
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }
}
