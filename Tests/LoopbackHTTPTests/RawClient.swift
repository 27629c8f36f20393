import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A blocking TCP client on raw sockets, to send exactly the bytes a test wants and to see
/// exactly what the server sends back (including nothing, or too little).
///
/// `@unchecked Sendable`: a test hands a client from one thread to the next, but never uses it
/// from two threads at once.
final class RawClient: @unchecked Sendable {
  private(set) var fd: Int32

  /// Connects to 127.0.0.1, or to ::1 when `ipv6` is true.
  init(port: Int, ipv6: Bool = false) throws {
    fd = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw RawClientError.failed("socket") }
    let result: Int32
    if ipv6 {
      var addr = sockaddr_in6()
      addr.sin6_family = sa_family_t(AF_INET6)
      addr.sin6_port = in_port_t(UInt16(port)).bigEndian
      _ = inet_pton(AF_INET6, "::1", &addr.sin6_addr)
      result = withUnsafePointer(to: &addr) { [fd] in
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var addr = sockaddr_in()
      addr.sin_family = sa_family_t(AF_INET)
      addr.sin_port = in_port_t(UInt16(port)).bigEndian
      addr.sin_addr.s_addr = inet_addr("127.0.0.1")
      result = withUnsafePointer(to: &addr) { [fd] in
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard result == 0 else {
      close()
      throw RawClientError.failed("connect")
    }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  deinit { close() }

  func close() {
    if fd >= 0 {
      _ = Glibc.close(fd)
      fd = -1
    }
  }

  /// Makes `close()` send a reset instead of a FIN (SO_LINGER 0), like a crashed client.
  func resetOnClose() {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
  }

  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { throw RawClientError.failed("send") }
      offset += n
    }
  }

  func send(_ text: String) throws { try send(Array(text.utf8)) }

  /// Bytes received past the end of the last response read.
  private var pending: [UInt8] = []

  /// Reads once (or returns what is pending); nil at end of stream, throws on error or
  /// timeout.
  func readSome(max: Int = 65536) throws -> [UInt8]? {
    if !pending.isEmpty {
      defer { pending = [] }
      return pending
    }
    var buffer = [UInt8](repeating: 0, count: max)
    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, max, 0) }
    if n == 0 { return nil }
    guard n > 0 else { throw RawClientError.failed("recv errno \(errno)") }
    return Array(buffer[0..<n])
  }

  /// Reads until the peer closes; returns everything received.
  func readToEnd() throws -> [UInt8] {
    var all: [UInt8] = []
    while let chunk = try readSome() { all += chunk }
    return all
  }

  /// Reads one response framed by Content-Length (no body if `expectBody` is false).
  func readResponse(expectBody: Bool = true) throws -> RawResponse {
    var buffer: [UInt8] = []
    var headEnd: Int?
    while headEnd == nil {
      guard let chunk = try readSome() else { throw RawClientError.failed("eof in head") }
      buffer += chunk
      headEnd = RawResponse.findHeadEnd(buffer)
    }
    var response = RawResponse(head: buffer[0..<headEnd!])
    var body = Array(buffer[(headEnd! + 4)...])
    let length = expectBody ? Int(response.headers["content-length"] ?? "0")! : 0
    while body.count < length {
      guard let chunk = try readSome() else { throw RawClientError.failed("eof in body") }
      body += chunk
    }
    pending = Array(body[length...])
    response.body = Array(body[..<length])
    return response
  }
}

enum RawClientError: Error {
  case failed(String)
}

struct RawResponse {
  var statusLine: String
  var status: Int
  var headers: [String: String] = [:]
  var body: [UInt8] = []

  init(head: ArraySlice<UInt8>) {
    let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    statusLine = lines[0]
    status = Int(lines[0].split(separator: " ")[1]) ?? 0
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
  }

  /// Parses a whole received byte stream: head, then whatever body bytes followed.
  static func parse(_ bytes: [UInt8]) -> RawResponse? {
    guard let end = findHeadEnd(bytes) else { return nil }
    var response = RawResponse(head: bytes[0..<end])
    response.body = Array(bytes[(end + 4)...])
    return response
  }

  static func findHeadEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
      return i
    }
    return nil
  }
}
