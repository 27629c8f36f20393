import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback port where nothing listens, held for as long as this lives: a socket bound to it
/// that never listens, so a connect is refused and no server started by a test running in
/// parallel can be given the port (a stopped server's port can be, and then answers).
public final class ClosedPort: Sendable {
  public let port: Int
  private let fd: Int32

  public init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
        bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
      }
    }
    guard bound else {
      close(fd)
      throw POSIXError(.EADDRINUSE)
    }
    self.fd = fd
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  /// `http://127.0.0.1:<port>` followed by `path`.
  public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

  deinit { close(fd) }
}
