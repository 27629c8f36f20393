/// The request line and headers of one request, parsed and checked.
struct RequestHead: Equatable {
  var method: String
  var target: String
  /// 0 for HTTP/1.0, 1 for HTTP/1.1.
  var minorVersion: Int
  /// Lower-cased names; a repeated header keeps its last value.
  var headers: [String: String]
  /// How the body is framed.
  var body: BodyFraming
  var keepAlive: Bool
  var expectsContinue: Bool
}

enum BodyFraming: Equatable {
  case none
  case length(Int)
  case chunked
}

/// Why a request was refused; each maps to the status the server answers before closing.
enum RequestError: Error, Equatable {
  case badRequest
  case headersTooLarge
  case bodyTooLarge
  case notImplemented
  case versionNotSupported

  var status: Int {
    switch self {
    case .badRequest: return 400
    case .headersTooLarge: return 431
    case .bodyTooLarge: return 413
    case .notImplemented: return 501
    case .versionNotSupported: return 505
    }
  }
}

enum HTTPLimits {
  /// The request line and headers, terminator included.
  static let maxHeaderBytes = 64 * 1024
  /// A request body, after chunked decoding.
  static let maxBodyBytes = 256 * 1024 * 1024
  /// One chunk-size line of a chunked body.
  static let maxChunkLineBytes = 4 * 1024
}

extension RequestHead {
  /// Parses a header block: the bytes up to, not including, the blank line (`\r\n\r\n`).
  static func parse(_ block: ArraySlice<UInt8>) throws(RequestError) -> RequestHead {
    var lines = split(lines: block)
    guard !lines.isEmpty else { throw .badRequest }
    let requestLine = lines.removeFirst()
    let (method, target, minor) = try parseRequestLine(requestLine)
    var headers: [String: String] = [:]
    var contentLengths: [String] = []
    var transferCodings: [String] = []
    for line in lines {
      let (name, value) = try parseHeaderLine(line)
      if name == "content-length" { contentLengths.append(value) }
      if name == "transfer-encoding" { transferCodings.append(value) }
      headers[name] = value
    }
    let framing = try bodyFraming(contentLengths: contentLengths, transferCodings: transferCodings)
    let tokens = (headers["connection"] ?? "").lowercased().split(separator: ",").map {
      $0.trimmingSpaces()
    }
    let keepAlive = minor == 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
    let expects = (headers["expect"] ?? "").lowercased() == "100-continue" && minor == 1
    return RequestHead(
      method: method, target: target, minorVersion: minor, headers: headers, body: framing,
      keepAlive: keepAlive, expectsContinue: expects)
  }

  private static func split(lines block: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = block.startIndex
    var i = block.startIndex
    while i < block.endIndex {
      if block[i] == UInt8(ascii: "\n") {
        var end = i
        if end > start && block[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        lines.append(block[start..<end])
        start = i + 1
      }
      i += 1
    }
    if start < block.endIndex { lines.append(block[start...]) }
    return lines
  }

  private static func parseRequestLine(
    _ line: ArraySlice<UInt8>
  ) throws(RequestError) -> (String, String, Int) {
    let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
      parts[0].allSatisfy(isTokenByte), parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F })
    else { throw .badRequest }
    let version = String(decoding: parts[2], as: UTF8.self)
    let minor: Int
    switch version {
    case "HTTP/1.1": minor = 1
    case "HTTP/1.0": minor = 0
    default:
      guard version.hasPrefix("HTTP/"), version.count == 8 else { throw .badRequest }
      throw .versionNotSupported
    }
    return (
      String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), minor
    )
  }

  private static func parseHeaderLine(
    _ line: ArraySlice<UInt8>
  ) throws(RequestError) -> (String, String) {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
      line[line.startIndex..<colon].allSatisfy(isTokenByte)
    else { throw .badRequest }
    let rawValue = line[(colon + 1)...]
    guard !rawValue.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
      throw .badRequest
    }
    let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
    let value = String(decoding: rawValue, as: UTF8.self).trimmingSpaces()
    return (name, value)
  }

  private static func bodyFraming(
    contentLengths: [String], transferCodings: [String]
  ) throws(RequestError) -> BodyFraming {
    if !transferCodings.isEmpty {
      // Both framings at once is a smuggling vector: refuse it.
      guard contentLengths.isEmpty else { throw .badRequest }
      let codings = transferCodings.joined(separator: ",").lowercased().split(separator: ",")
        .map { $0.trimmingSpaces() }
      guard codings == ["chunked"] else { throw .notImplemented }
      return .chunked
    }
    guard let first = contentLengths.first else { return .none }
    guard contentLengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 19,
      first.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      let length = Int(first)
    else { throw .badRequest }
    guard length <= HTTPLimits.maxBodyBytes else { throw .bodyTooLarge }
    return length == 0 ? .none : .length(length)
  }

  /// RFC 9110 `tchar`.
  private static func isTokenByte(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
    }
  }
}

extension StringProtocol {
  /// Drops leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
