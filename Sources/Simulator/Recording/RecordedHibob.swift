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
/// A request is answered only by the exchanges with the same method, path and query and the same
/// body (in the canonical form `canonicalize` gives, so JSON key order and spacing do not
/// matter), in the order they were recorded; when they are used up they start over, so that a
/// second run, and any number after it, gets the same answers as the first (a retried request
/// sees its recorded failures, then its recorded success, again). A request the recording never
/// saw, a body it never saw included, gets 404 `{"key":"not_recorded", ...}`: never another
/// request's answer. A recorded transport failure closes the connection.
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
  /// What a request is matched on: method, path and query, canonical body.
  private struct Key: Hashable {
    var method: String
    var target: String
    var body: Data?
  }

  private let exchanges: [RecordedExchange]
  /// The recorded exchanges of each key, in recorded order.
  private let byKey: [Key: [Int]]
  private let state = Mutex(State())

  private struct State {
    /// How many times each key was asked: the next answer is `byKey[key][asked % count]`.
    var asked: [Key: Int] = [:]
    var answered = 0
    var unmatched = 0
  }

  init(exchanges: [RecordedExchange]) {
    self.exchanges = exchanges
    var byKey: [Key: [Int]] = [:]
    for (index, exchange) in exchanges.enumerated() {
      let key = Key(
        method: exchange.method, target: exchange.target, body: exchange.requestBody)
      byKey[key, default: []].append(index)
    }
    self.byKey = byKey
  }

  var counts: (answered: Int, unmatched: Int) {
    state.withLock { ($0.answered, $0.unmatched) }
  }

  func answer(_ request: ServerRequest, canonicalize: (Data) -> Data) -> ServerResponse {
    let body = request.body.isEmpty ? nil : canonicalize(request.body)
    let key = Key(method: request.method, target: request.target, body: body)
    let recorded = byKey[key]
    let index = state.withLock { state -> Int? in
      guard let recorded, !recorded.isEmpty else {
        state.unmatched += 1
        return nil
      }
      let asked = state.asked[key, default: 0]
      state.asked[key] = asked + 1
      state.answered += 1
      return recorded[asked % recorded.count]
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
