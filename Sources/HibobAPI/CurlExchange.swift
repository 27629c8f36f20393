import CCurl
import Foundation
import Synchronization

/// One request on a connection of its own, through libcurl's easy interface (the `CCurl` target,
/// which loads libcurl at run time), on a thread of its own.
///
/// `URLSessionTransport` sends POST, PUT, PATCH and DELETE this way when libcurl can be loaded.
/// Such a request must never share a pooled connection (libcurl would resend it when the reused
/// connection dies before an answer), and on a new connection URLSession on Linux spins: the
/// "socket writable" dispatch source it makes for the connect stays until the connection goes,
/// the socket stays writable, and a core is busy for as long as the request waits for its answer
/// (measured: a whole core at one request in flight, and two thirds of a sync's CPU at 16). The
/// easy interface waits in `poll()`, and with `CURLOPT_FRESH_CONNECT` and `CURLOPT_FORBID_REUSE`
/// it neither reuses a connection nor keeps one, so it never resends.
///
/// What stays the same as URLSession: redirects are not followed, no cookies or cache,
/// compressed answers are decoded, proxies come from the same environment variables (libcurl
/// reads them in both), certificates are checked against the system's store. The timeout is the
/// whole exchange's.
enum CurlExchange {
  /// Whether libcurl could be loaded (once per process).
  static let isAvailable: Bool = ccurl_available() == 1

  static func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let exchange = try Exchange(request)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        exchange.start { continuation.resume(with: $0) }
      }
    } onCancel: {
      exchange.cancel()
    }
  }

  /// Maps a CURLcode (never libcurl's own message, which can quote the URL) to a
  /// `TransportError` that names the host only: through the URLError code URLSession would give
  /// for the same failure, so that both paths word it alike, and as a curl code otherwise.
  static func transportError(code: Int32, osErrno: Int, host: String?) -> TransportError {
    if let urlCode = urlErrorCode(code, osErrno: osErrno) {
      return URLSessionTransport.transportError(URLError(urlCode), host: host)
    }
    let target = host.map { "host \($0)" } ?? "the host"
    switch code {
    case 1, 3: return .connectionFailed("the address of \(target) is not a usable HTTP URL")
    case 2, 27: return .connectionFailed("could not start a request to \(target)")
    default: return .connectionFailed("curl error \(code) talking to \(target)")
    }
  }

  /// The URLError code URLSession gives for the same failure, if it has one.
  private static func urlErrorCode(_ code: Int32, osErrno: Int) -> URLError.Code? {
    switch code {
    case 28: return .timedOut
    case 42: return .cancelled
    case 5, 6: return .cannotFindHost
    case 7: return osErrno == Int(ETIMEDOUT) ? .timedOut : .cannotConnectToHost
    case 52, 55, 56: return .networkConnectionLost
    case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: return .secureConnectionFailed
    case 8, 16, 61, 92: return .badServerResponse
    default: return nil
    }
  }

  /// The answer's headers from its header lines (status line first), names lower-cased; a name
  /// given twice keeps both values, joined by ", ".
  static func headers(from block: String) -> [String: String] {
    var headers: [String: String] = [:]
    for line in block.split(whereSeparator: \.isNewline).dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { continue }
      if let earlier = headers[name] {
        headers[name] = earlier + ", " + value
      } else {
        headers[name] = value
      }
    }
    return headers
  }
}

/// The C exchange and the copies of the request it points into, alive until libcurl is done
/// with them (after the caller may have gone, when it was cancelled).
private final class Exchange: @unchecked Sendable {
  private let raw: UnsafeMutablePointer<ccurl_exchange>
  private let strings: [UnsafeMutablePointer<CChar>]
  private let headerList: UnsafeMutablePointer<UnsafePointer<CChar>?>
  private let body: UnsafeMutableRawPointer?
  private let host: String?
  typealias Resume = @Sendable (Result<HTTPResponse, any Error>) -> Void
  /// The continuation's resume, taken by whichever comes first: the answer or a cancel; and
  /// whether a cancel came (perhaps before `start`).
  private let state = Mutex<(resume: Resume?, cancelled: Bool)>((nil, false))

  init(_ request: HTTPRequest) throws {
    host = request.url.host
    // A line break in a header would start another header (or the body) on the wire.
    for (name, value) in request.headers
    where (name + value).unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" })
    {
      throw TransportError.connectionFailed("a request header holds a line break")
    }
    let lines = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    var strings: [UnsafeMutablePointer<CChar>] = []
    for text in [request.method, request.url.absoluteString] + lines {
      guard let copy = strdup(text) else {
        for copy in strings { free(copy) }
        throw TransportError.connectionFailed("out of memory")
      }
      strings.append(copy)
    }
    self.strings = strings
    headerList = .allocate(capacity: max(1, lines.count))
    for (i, line) in strings.dropFirst(2).enumerated() { headerList[i] = UnsafePointer(line) }
    if let data = request.body, !data.isEmpty {
      let copy = UnsafeMutableRawPointer.allocate(byteCount: data.count, alignment: 1)
      data.copyBytes(to: copy.assumingMemoryBound(to: UInt8.self), count: data.count)
      body = copy
    } else {
      body = nil
    }
    raw = .allocate(capacity: 1)
    raw.initialize(to: ccurl_exchange())
    raw.pointee.method = UnsafePointer(strings[0])
    raw.pointee.url = UnsafePointer(strings[1])
    raw.pointee.headers = UnsafePointer(headerList)
    raw.pointee.header_count = lines.count
    raw.pointee.body = UnsafeRawPointer(body)
    raw.pointee.body_length = request.body?.count ?? 0
    raw.pointee.has_body = request.body == nil ? 0 : 1
    raw.pointee.timeout_ms = Int(min(max(1, request.timeout * 1000), Double(Int32.max)))
  }

  deinit {
    ccurl_release(raw)
    raw.deallocate()
    headerList.deallocate()
    body?.deallocate()
    for copy in strings { free(copy) }
  }

  func start(_ resume: @escaping Resume) {
    let cancelled = state.withLock { s in
      s.resume = resume
      return s.cancelled
    }
    // Cancelled before it started: nothing is sent.
    if cancelled { return cancel() }
    let thread = Thread { [self] in
      ccurl_perform(raw)
      finish(result())
    }
    thread.name = "hibob-remote.write"
    thread.start()
  }

  /// Aborts libcurl (within a second) and answers the caller at once.
  func cancel() {
    state.withLock { $0.cancelled = true }
    ccurl_cancel(raw)
    finish(.failure(TransportError.cancelled))
  }

  private func finish(_ result: Result<HTTPResponse, any Error>) {
    let resume = state.withLock { s -> Resume? in
      defer { s.resume = nil }
      return s.resume
    }
    resume?(result)
  }

  private func result() -> Result<HTTPResponse, any Error> {
    let x = raw.pointee
    if x.out_of_memory != 0 {
      return .failure(
        TransportError.connectionFailed(
          "out of memory reading the answer from \(host.map { "host \($0)" } ?? "the host")"))
    }
    guard x.code == 0 else {
      return .failure(
        CurlExchange.transportError(code: x.code, osErrno: x.os_errno, host: host))
    }
    let block = x.header_bytes.map { String(cString: $0) } ?? ""
    let body = x.body_bytes.map { Data(bytes: $0, count: x.body_bytes_length) } ?? Data()
    return .success(
      HTTPResponse(status: x.status, headers: CurlExchange.headers(from: block), body: body))
  }
}
