import Foundation
import LoopbackHTTP
import XCTest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Counts this process's open sockets around a server's life. XCTest runs its tests one at a
/// time, before the Swift Testing suites, so no other test opens sockets meanwhile. Only sockets
/// are counted: the runtime opens other descriptors (timerfd, eventfd) lazily.
final class DescriptorLeakTests: XCTestCase {
  private func openSockets() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return names.compactMap { name in
      let target = try? FileManager.default.destinationOfSymbolicLink(
        atPath: "/proc/self/fd/" + name)
      guard let target, target.hasPrefix("socket:") else { return nil }
      return name + "->" + target
    }.sorted()
  }

  func testEveryDescriptorIsClosedAfterStop() throws {
    // One warm-up server, so that lazily opened process-wide descriptors are counted before.
    let warmUp = LoopbackServer(handler: testRoutes)
    let warmUpClient = try RawClient(port: try warmUp.start())
    try warmUpClient.send("GET /echo/warm-up HTTP/1.1\r\nConnection: close\r\n\r\n")
    _ = try warmUpClient.readToEnd()
    warmUpClient.close()
    warmUp.stop()
    let before = openSockets()

    let server = LoopbackServer(handler: testRoutes)
    let port = try server.start()
    var idle: [RawClient] = []
    for i in 0..<20 {
      let client = try RawClient(port: port)
      switch i % 4 {
      case 0:  // served and left open (keep-alive)
        try client.send("GET /echo/\(i) HTTP/1.1\r\n\r\n")
        _ = try client.readResponse()
        idle.append(client)
      case 1:  // gone mid-body
        try client.send("POST /echo/\(i) HTTP/1.1\r\nContent-Length: 50\r\n\r\nabc")
        client.close()
      case 2:  // refused
        try client.send("NONSENSE\r\n\r\n")
        _ = try client.readToEnd()
        client.close()
      default:  // closed by the server after the response
        try client.send("GET /fault-close HTTP/1.1\r\n\r\n")
        _ = try client.readToEnd()
        client.close()
      }
    }
    server.stop()
    for client in idle {
      XCTAssertEqual(try client.readToEnd(), [])
      client.close()
    }
    // stop() returned after closing every connection it had; none may be left open.
    XCTAssertEqual(openSockets(), before)
  }
}
