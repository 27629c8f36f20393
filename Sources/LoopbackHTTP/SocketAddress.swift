#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A loopback socket address, IPv4 or IPv6.
enum SocketAddress {
  case v4(sockaddr_in)
  case v6(sockaddr_in6)

  /// Resolves `host` (127.0.0.0/8, `::1` or `localhost`) without DNS; other hosts are refused.
  static func loopback(host: String, port: Int) throws(LoopbackServerError) -> SocketAddress {
    let name = host == "localhost" ? "127.0.0.1" : host
    let bigEndianPort = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
      guard UInt32(bigEndian: v4.sin_addr.s_addr) >> 24 == 127 else {
        throw .notLoopback(host: host)
      }
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = bigEndianPort
      return .v4(v4)
    }
    var v6 = sockaddr_in6()
    if inet_pton(AF_INET6, name, &v6.sin6_addr) == 1 {
      let bytes = withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
      guard bytes == Array(repeating: 0, count: 15) + [1] else { throw .notLoopback(host: host) }
      v6.sin6_family = sa_family_t(AF_INET6)
      v6.sin6_port = bigEndianPort
      return .v6(v6)
    }
    throw .notLoopback(host: host)
  }

  /// The host as written in a URL: dotted IPv4, or bracketed IPv6.
  var hostForURL: String {
    switch self {
    case .v4(var a):
      var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
      _ = inet_ntop(AF_INET, &a.sin_addr, &text, socklen_t(text.count))
      return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    case .v6:
      return "[::1]"
    }
  }

  private var family: Int32 {
    switch self {
    case .v4: return AF_INET
    case .v6: return AF_INET6
    }
  }

  private var displayHost: String {
    switch self {
    case .v4: return hostForURL
    case .v6: return "::1"
    }
  }

  /// Opens a listening socket; returns it and the bound port.
  func listen() throws(LoopbackServerError) -> (Int32, Int) {
    let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .socketFailed(operation: "socket", errno: errno) }
    do {
      var one: Int32 = 1
      guard
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
          == 0
      else { throw LoopbackServerError.socketFailed(operation: "setsockopt", errno: errno) }
      try bind(fd)
      guard Glibc.listen(fd, 128) == 0 else {
        throw LoopbackServerError.socketFailed(operation: "listen", errno: errno)
      }
      return (fd, try boundPort(fd))
    } catch let error as LoopbackServerError {
      _ = Glibc.close(fd)
      throw error
    } catch {
      _ = Glibc.close(fd)
      throw .socketFailed(operation: "listen", errno: 0)
    }
  }

  private func bind(_ fd: Int32) throws(LoopbackServerError) {
    let result: Int32
    let port: Int
    switch self {
    case .v4(var a):
      port = Int(UInt16(bigEndian: a.sin_port))
      result = withUnsafePointer(to: &a) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    case .v6(var a):
      port = Int(UInt16(bigEndian: a.sin6_port))
      result = withUnsafePointer(to: &a) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    guard result == 0 else {
      let code = errno
      if code == EADDRINUSE { throw .addressInUse(host: displayHost, port: port) }
      throw .socketFailed(operation: "bind to \(displayHost):\(port)", errno: code)
    }
  }

  private func boundPort(_ fd: Int32) throws(LoopbackServerError) -> Int {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard result == 0 else { throw .socketFailed(operation: "getsockname", errno: errno) }
    let isV6 = storage.ss_family == sa_family_t(AF_INET6)
    return withUnsafePointer(to: &storage) { pointer -> Int in
      if isV6 {
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      }
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        Int(UInt16(bigEndian: $0.pointee.sin_port))
      }
    }
  }
}
