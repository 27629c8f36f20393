import Foundation
import LoopbackHTTP
import Synchronization

/// One recorded exchange as the server answers it. The executable converts a recording file
/// into these (the simulator does not read the file format itself).
public struct RecordedExchange: Sendable, Equatable {
  public var method: String
  /// Path and query as sent, e.g. `/v1/people/search`.
  public var target: String
  /// The request body in the canonical form the `canonicalize` closure gives; nil for none.
  public var requestBody: Data?
  /// Nil when the recorded request got no answer (a timeout, a dropped connection).
  public var status: Int?
  public var headers: [(String, String)]
  public var body: Data

  public init(
    method: String, target: String, requestBody: Data?, status: Int?,
    headers: [(String, String)], body: Data
  ) {
    self.method = method
    self.target = target
    self.requestBody = requestBody
    self.status = status
    self.headers = headers
    self.body = body
  }

  public static func == (a: RecordedExchange, b: RecordedExchange) -> Bool {
    a.method == b.method && a.target == b.target && a.requestBody == b.requestBody
      && a.status == b.status && a.body == b.body
      && a.headers.map { "\($0.0):\($0.1)" } == b.headers.map { "\($0.0):\($0.1)" }
  }
}

/// Serves a recording over loopback so any version of the tool can be run against it.
///
/// Any credentials are accepted (the recording answers as recorded, a recorded 401 included).
/// A request is answered by the first unused exchange with the same method, path and query and
/// the same body; failing that, the same method, path and query with any body (another tool
/// version may ask differently); failing that, the last answer already given to that method and
/// target. A request the recording never saw gets 404 `{"key":"not_recorded", ...}`. A recorded
/// transport failure closes the connection.
public final class RecordedHibob: Sendable {
  private let server: LoopbackServer
  private let state: RecordingState
  private let basePath: String

  private init(server: LoopbackServer, state: RecordingState, basePath: String) {
    self.server = server
    self.state = state
    self.basePath = basePath
  }

  /// Starts serving on 127.0.0.1 (`port` 0 picks a free one). `basePath` is the recorded base
  /// URL's path (`/v1`); `canonicalize` turns a request body into the form of
  /// `RecordedExchange.requestBody`.
  public static func start(
    exchanges: [RecordedExchange], basePath: String, port: Int = 0,
    canonicalize: @escaping @Sendable (Data) -> Data = { $0 }
  ) throws -> RecordedHibob {
    let state = RecordingState(exchanges: exchanges)
    let server = LoopbackServer(port: port) { request in
      state.answer(request, canonicalize: canonicalize)
    }
    try server.start()
    return RecordedHibob(server: server, state: state, basePath: basePath)
  }

  /// The recorded base URL's path on this server, e.g. `http://127.0.0.1:PORT/v1`.
  public var baseURL: URL {
    let trimmed = basePath.split(separator: "/").joined(separator: "/")
    return trimmed.isEmpty ? server.baseURL : server.baseURL.appendingPathComponent(trimmed)
  }

  public var port: Int { server.port }

  /// Requests answered from the recording, and requests it had no answer for.
  public var counts: (answered: Int, unmatched: Int) { state.counts }

  /// Stops the server; idempotent.
  public func stop() { server.stop() }
}

final class RecordingState: Sendable {
  private let exchanges: [RecordedExchange]
  private let state = Mutex(State())

  private struct State {
    var used = Set<Int>()
    var lastAnswer: [String: Int] = [:]
    var answered = 0
    var unmatched = 0
  }

  init(exchanges: [RecordedExchange]) {
    self.exchanges = exchanges
  }

  var counts: (answered: Int, unmatched: Int) {
    state.withLock { ($0.answered, $0.unmatched) }
  }

  func answer(_ request: ServerRequest, canonicalize: (Data) -> Data) -> ServerResponse {
    let body = request.body.isEmpty ? nil : canonicalize(request.body)
    let key = request.method + " " + request.target
    let index = state.withLock { state -> Int? in
      let sameTarget = exchanges.indices.filter {
        exchanges[$0].method == request.method && exchanges[$0].target == request.target
      }
      let pick =
        sameTarget.first { !state.used.contains($0) && exchanges[$0].requestBody == body }
        ?? sameTarget.first { !state.used.contains($0) }
        ?? state.lastAnswer[key]
      if let pick {
        state.used.insert(pick)
        state.lastAnswer[key] = pick
        state.answered += 1
      } else {
        state.unmatched += 1
      }
      return pick
    }
    guard let index else {
      return .json(
        404,
        Data(
          #"{"key":"not_recorded","error":"the recording has no answer for this request"}"#.utf8))
    }
    let exchange = exchanges[index]
    guard let status = exchange.status else {
      return ServerResponse(status: 500, fault: .closeConnection)
    }
    return ServerResponse(status: status, headers: exchange.headers, body: exchange.body)
  }
}
