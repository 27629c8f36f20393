import Foundation

/// Serialises a ``ServerResponse`` and sends it, honouring its ``Fault``.
enum ResponseWriter {
  /// Bodies up to this size go out in the same `send` as the headers.
  private static let coalesceLimit = 64 * 1024

  /// The status line and headers, ending with the blank line.
  static func head(_ response: ServerResponse, keepAlive: Bool) -> [UInt8] {
    var text = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
    for (name, value) in response.headers {
      let lower = name.lowercased()
      if lower == "content-length" || lower == "connection" || lower == "transfer-encoding" {
        continue
      }
      text += "\(sanitized(name)): \(sanitized(value))\r\n"
    }
    if hasContentLength(response.status) {
      text += "Content-Length: \(response.body.count)\r\n"
    }
    text += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
    return Array(text.utf8)
  }

  /// 1xx, 204 and 304 responses carry neither a body nor a Content-Length.
  static func hasContentLength(_ status: Int) -> Bool {
    !(100...199 ~= status || status == 204 || status == 304)
  }

  /// A header name or value with CR and LF removed, so that a handler cannot split headers.
  private static func sanitized(_ s: String) -> String {
    s.contains(where: { $0 == "\r" || $0 == "\n" })
      ? s.filter { $0 != "\r" && $0 != "\n" } : s
  }

  /// Sends `response`. Returns false when the connection must be closed afterwards (a fault
  /// or a peer that went away).
  static func send(
    _ response: ServerResponse, keepAlive: Bool, omitBody: Bool, on connection: Connection,
    sleep: (Double) -> Bool
  ) -> Bool {
    let head = head(response, keepAlive: keepAlive)
    let sendsBody = !omitBody && hasContentLength(response.status)
    let body = sendsBody ? response.body : Data()
    switch response.fault {
    case .closeConnection:
      return false
    case .truncateBody(let bytes):
      guard connection.sendAll(head) else { return false }
      let n = max(0, min(bytes, body.count))
      _ = body.withUnsafeBytes { connection.sendAll(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
      return false
    case .trickle(let chunkSize, let interval):
      return trickle(
        head: head, body: body, chunkSize: chunkSize, interval: interval,
        on: connection, sleep: sleep)
    case nil:
      if body.count <= coalesceLimit {
        return connection.sendAll(head + body)
      }
      guard connection.sendAll(head) else { return false }
      return body.withUnsafeBytes { connection.sendAll($0) }
    }
  }

  private static func trickle(
    head: [UInt8], body: Data, chunkSize: Int, interval: Double, on connection: Connection,
    sleep: (Double) -> Bool
  ) -> Bool {
    let all = head + body
    let size = max(1, chunkSize)
    var offset = 0
    while offset < all.count {
      let end = min(all.count, offset + size)
      let ok = all.withUnsafeBytes {
        connection.sendAll(UnsafeRawBufferPointer(rebasing: $0[offset..<end]))
      }
      guard ok else { return false }
      offset = end
      if offset < all.count && interval > 0 {
        guard sleep(interval) else { return false }
      }
    }
    return true
  }

  /// The reason phrase of RFC 9110 for `status`, or a generic one by class.
  static func reasonPhrase(_ status: Int) -> String {
    if let phrase = phrases[status] { return phrase }
    switch status {
    case 100...199: return "Informational"
    case 200...299: return "Success"
    case 300...399: return "Redirection"
    case 400...499: return "Client Error"
    default: return "Server Error"
    }
  }

  private static let phrases: [Int: String] = [
    100: "Continue", 101: "Switching Protocols",
    200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
    204: "No Content", 205: "Reset Content", 206: "Partial Content",
    300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
    412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long",
    415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
    422: "Unprocessable Content", 423: "Locked", 425: "Too Early", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
  ]
}
