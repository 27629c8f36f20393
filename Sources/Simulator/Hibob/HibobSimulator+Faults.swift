import Foundation
import LoopbackHTTP

extension HibobSimulator {
  /// Consumes one use of the first pending fault matching the request, if any.
  func takeFault(method: String, path: String) -> FaultSpec? {
    state.withLock { s in
      guard let index = s.faults.firstIndex(where: { $0.spec.matches(method: method, path: path) })
      else { return nil }
      let spec = s.faults[index].spec
      s.faults[index].remaining -= 1
      if s.faults[index].remaining <= 0 { s.faults.remove(at: index) }
      return spec
    }
  }

  /// The answer of a fault that replaces the normal one; `nil` for faults that alter it.
  func immediateResponse(for fault: FaultSpec) -> ServerResponse? {
    switch fault.kind {
    case .status:
      let status = fault.status ?? 500
      var headers: [(String, String)] = []
      if let retryAfter = fault.retryAfter { headers.append(("Retry-After", String(retryAfter))) }
      if status == 429 {
        // An injected 429 resets soon (after `retryAfter`, else 1 s) so that clients honouring
        // X-RateLimit-Reset retry quickly in tests.
        let reset = Int(clock().timeIntervalSince1970.rounded(.up)) + (fault.retryAfter ?? 1)
        headers += [
          ("X-RateLimit-Limit", String(HibobSimulator.searchLimit)),
          ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", String(reset)),
        ]
        return Responses.error(429, key: "tooManyRequests", "rate limit exceeded", headers: headers)
      }
      if status >= 500 {
        return Responses.error(
          status, key: "serverError", "internal server error", headers: headers)
      }
      return Responses.error(status, key: "error", "injected error", headers: headers)
    case .html:
      return Responses.html()
    case .malformedJSON:
      return .json(200, Data(#"{"employees":[{"id":"1","/root/id":{"value":"1"},}"#.utf8))
    case .closeConnection:
      return ServerResponse(status: 200, fault: .closeConnection)
    case .hugeBody:
      return .json(200, HibobSimulator.hugeBody(bytes: fault.bytes ?? 100_000_000))
    case .delay, .truncatedJSON, .trickle:
      return nil
    }
  }

  /// The normal answer altered by a fault.
  func modify(_ response: ServerResponse, with fault: FaultSpec) -> ServerResponse {
    var response = response
    switch fault.kind {
    case .delay:
      response.delay = fault.seconds ?? 0
    case .truncatedJSON:
      response.fault = .truncateBody(bytes: response.body.count / 2)
    case .trickle:
      response.fault = .trickle(chunkSize: fault.chunkSize ?? 16, interval: fault.interval ?? 0.05)
    default:
      break
    }
    return response
  }

  /// `{"employees":[],"padding":"xxxx...x"}` of exactly `bytes` bytes (at least the frame).
  static func hugeBody(bytes: Int) -> Data {
    let head = Data(#"{"employees":[],"padding":""#.utf8)
    let tail = Data(#""}"#.utf8)
    let padding = max(0, bytes - head.count - tail.count)
    var data = Data(capacity: head.count + padding + tail.count)
    data.append(head)
    data.append(Data(repeating: UInt8(ascii: "x"), count: padding))
    data.append(tail)
    return data
  }
}
