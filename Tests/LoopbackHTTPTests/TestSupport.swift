import Foundation
import LoopbackHTTP

/// `count` bytes of a pattern that does not repeat every 256 bytes, so that a lost or
/// reordered block is noticed.
func patternBytes(_ count: Int, seed: Int = 0) -> Data {
  var data = Data(count: count)
  data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
    for i in 0..<count { raw[i] = UInt8(truncatingIfNeeded: (i &+ seed) % 251) }
  }
  return data
}

/// The routes the tests use. Unknown routes answer 404 `no route`, which every test checks
/// against, so a typo fails the test instead of passing silently.
let testRoutes: RequestHandler = { request in
  let parts = request.path.split(separator: "/").map(String.init)
  switch (request.method, parts.first ?? "") {
  case (_, "echo"):
    return ServerResponse(
      status: 200,
      headers: [
        ("X-Method", request.method), ("X-Target", request.target),
        ("X-Body-Count", String(request.body.count)),
        ("X-Header-Names", request.headers.keys.sorted().joined(separator: ",")),
      ], body: request.body)
  case (_, "bytes"):
    return ServerResponse(status: 200, body: patternBytes(Int(parts[1]) ?? 0))
  case ("GET", "zeros"):
    return ServerResponse(status: 200, body: Data(count: Int(parts[1]) ?? 0))
  case ("GET", "status"):
    return ServerResponse(status: Int(parts[1]) ?? 500, body: Data("body".utf8))
  case ("GET", "close"):
    return ServerResponse(status: 200, headers: [("Connection", "close")], body: Data("x".utf8))
  case ("GET", "delay"):
    return ServerResponse(status: 200, body: Data("late".utf8), delay: Double(parts[1]) ?? 0)
  case ("GET", "sleeping-handler"):
    // Long enough that the test's own steps, delayed on a busy cooperative pool (seen: over
    // 30 s in the full suite on 2 cores), still stop the server before it wakes.
    try? await Task.sleep(for: .seconds(600))
    return ServerResponse(status: 200, body: Data("woke".utf8))
  case ("GET", "fault-close"):
    return ServerResponse(status: 200, body: Data("never".utf8), fault: .closeConnection)
  case ("GET", "fault-truncate"):
    return ServerResponse(
      status: 200, body: patternBytes(1000), fault: .truncateBody(bytes: Int(parts[1]) ?? 0))
  case ("GET", "fault-trickle"):
    let interval = Double(parts[safe: 2] ?? "") ?? 0.01
    return ServerResponse(
      status: 200, body: patternBytes(Int(parts[1]) ?? 0),
      fault: .trickle(chunkSize: 7, interval: interval))
  default:
    return ServerResponse(status: 404, body: Data("no route".utf8))
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A started server on a free port, stopped by the caller's `defer`.
func startedServer(_ handler: @escaping RequestHandler = testRoutes) throws -> LoopbackServer {
  let server = LoopbackServer(handler: handler)
  try server.start()
  return server
}
