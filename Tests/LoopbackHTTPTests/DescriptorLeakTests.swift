import Foundation
import Glibc
import LoopbackHTTP
import XCTest

/// Counts this process's open descriptors around a server's life. XCTest runs its tests one at
/// a time, before the Swift Testing suites, so no other test opens sockets meanwhile.
final class DescriptorLeakTests: XCTestCase {
  private func openDescriptorCount() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
  }

  private func describeDescriptors() -> String {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return names.sorted().map { name in
      let target =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name)) ?? "?"
      return name + "->" + target
    }.joined(separator: " ")
  }

  func testEveryDescriptorIsClosedAfterStop() throws {
    // One warm-up server, so that lazily opened process-wide descriptors are counted before.
    let warmUp = LoopbackServer(handler: testRoutes)
    let warmUpClient = try RawClient(port: try warmUp.start())
    try warmUpClient.send("GET /echo/warm-up HTTP/1.1\r\nConnection: close\r\n\r\n")
    _ = try warmUpClient.readToEnd()
    warmUpClient.close()
    warmUp.stop()
    let before = try openDescriptorCount()
    let listing = describeDescriptors()

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
    // Connections that ended on their own close on their threads; give them a moment.
    var after = try openDescriptorCount()
    for _ in 0..<100 where after > before {
      usleep(20_000)
      after = try openDescriptorCount()
    }
    XCTAssertLessThanOrEqual(after, before, listing + " | " + describeDescriptors())
  }
}
