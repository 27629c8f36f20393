import Foundation
import HibobAPI
import Synchronization

/// One request as the transport saw it: when it was sent and when its answer was complete
/// (monotonic seconds). No URL query, header or body is kept.
struct TimedRequest: Sendable {
  var method: String
  var path: String
  var status: Int
  /// Bytes of the answer's body.
  var bytes: Int
  var start: Double
  var end: Double
}

/// Wraps a transport to time every request; with `oneAtATime`, requests wait for the previous
/// one to finish (the sequential baseline: the same probes, one after another).
final class TimingTransport: HTTPTransport {
  private let inner: any HTTPTransport
  private let gate: SerialGate?
  private let log = Mutex<[TimedRequest]>([])

  init(_ inner: any HTTPTransport, oneAtATime: Bool) {
    self.inner = inner
    gate = oneAtATime ? SerialGate() : nil
  }

  var requests: [TimedRequest] { log.withLock { $0 } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    if let gate { await gate.acquire() }
    let start = ProcessResources.now()
    var status = 0
    var bytes = 0
    defer {
      let entry = TimedRequest(
        method: request.method, path: request.url.path, status: status, bytes: bytes, start: start,
        end: ProcessResources.now())
      log.withLock { $0.append(entry) }
    }
    do {
      let response = try await inner.send(request)
      status = response.status
      bytes = response.body.count
      if let gate { await gate.release() }
      return response
    } catch {
      if let gate { await gate.release() }
      throw error
    }
  }
}

/// A lock for async code: one holder at a time, waiters served in order.
actor SerialGate {
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func acquire() async {
    if !busy {
      busy = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func release() {
    if waiters.isEmpty {
      busy = false
    } else {
      waiters.removeFirst().resume()
    }
  }
}

/// The critical path of a set of timed requests: each request is taken to wait for the request
/// that finished last before it started (its trigger); the depth is the longest such chain.
/// Requests sent at the same time as others, with nothing finishing in between, share a level.
enum CriticalPath {
  static func depth(_ requests: [TimedRequest]) -> Int { chain(requests).count }

  /// The chain itself, as "METHOD path" steps, for the report.
  static func chain(_ requests: [TimedRequest]) -> [String] {
    let sorted = requests.sorted { $0.start < $1.start }
    var depths: [Int] = []
    var triggers: [Int?] = []
    for (i, request) in sorted.enumerated() {
      var trigger: Int?
      for j in 0..<i where sorted[j].end <= request.start {
        if trigger.map({ sorted[j].end > sorted[$0].end }) ?? true { trigger = j }
      }
      triggers.append(trigger)
      depths.append(1 + (trigger.map { depths[$0] } ?? 0))
    }
    // Of the longest chains, the one that ends last: the path the check waited on.
    guard
      var index = depths.indices.max(by: {
        (depths[$0], sorted[$0].end) < (depths[$1], sorted[$1].end)
      })
    else { return [] }
    var steps: [String] = []
    while true {
      steps.append("\(sorted[index].method) \(sorted[index].path)")
      guard let next = triggers[index] else { break }
      index = next
    }
    return steps.reversed()
  }
}
