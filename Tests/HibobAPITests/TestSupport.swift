import Foundation
import HibobAPI
import Synchronization
import TestSupport
import Testing

extension ManualClock {
  /// The clock as the client's `HibobClock`: its sleeps are recorded and move the clock.
  var hibobClock: HibobClock {
    HibobClock(now: { self.now }, sleep: { seconds in self.sleep(seconds) })
  }
}

/// A test double transport: `handler` gets each request and how many requests with the same
/// method and path came before it. Handlers switch on `(method, path)` and end in `default:`
/// with `unexpected(_:)`, which fails the test.
struct StubTransport: HTTPTransport {
  final class Log: Sendable {
    let requests = Mutex<[HTTPRequest]>([])
  }

  let log = Log()
  let handler: @Sendable (HTTPRequest, Int) throws -> HTTPResponse

  init(_ handler: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
    self.handler = handler
  }

  var requests: [HTTPRequest] { log.requests.withLock { $0 } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let previous = log.requests.withLock { list in
      let count = list.filter { $0.method == request.method && $0.url.path == request.url.path }
        .count
      list.append(request)
      return count
    }
    return try handler(request, previous)
  }
}

/// Fails the test for a request no case expected.
func unexpected(_ request: HTTPRequest, sourceLocation: SourceLocation = #_sourceLocation)
  -> HTTPResponse
{
  Issue.record(
    "unexpected request \(request.method) \(request.url.path)", sourceLocation: sourceLocation)
  return HTTPResponse(status: 599)
}

func jsonResponse(_ text: String, headers: [String: String] = [:]) -> HTTPResponse {
  jsonResponse(200, text, headers: headers)
}

func jsonResponse(_ status: Int, _ text: String, headers: [String: String] = [:])
  -> HTTPResponse
{
  var all = ["content-type": "application/json; charset=utf-8"]
  for (k, v) in headers { all[k.lowercased()] = v }
  return HTTPResponse(status: status, headers: all, body: Data(text.utf8))
}

func jsonValueResponse(_ value: JSONValue, status: Int = 200, headers: [String: String] = [:])
  -> HTTPResponse
{
  var all = ["content-type": "application/json"]
  for (k, v) in headers { all[k.lowercased()] = v }
  return HTTPResponse(status: status, headers: all, body: value.serialized())
}

let testToken = "s3cr3t-T0KEN-value-9f8e7d"
let testCredentials = Credentials(serviceUserId: "SERVICE-USER-1", token: testToken)
let testBase = URL(string: "https://api.hibob.com/v1")!

/// A client over `transport` with a fake clock and no jitter.
func makeClient(
  _ transport: some HTTPTransport, clock: ManualClock = ManualClock(),
  maxAttempts: Int = 4, maxRetriesPerRun: Int = 30, deadline: Date? = nil,
  searchRateLimit: RateLimit = .peopleSearch
) -> HibobClient {
  let policy = RetryPolicy(
    maxAttemptsPerCall: maxAttempts, maxRetriesPerRun: maxRetriesPerRun, maxWaitPerRetry: 30,
    baseBackoff: 0.5, jitter: { 1 }, clock: clock.hibobClock)
  return HibobClient(
    baseURL: testBase, credentials: testCredentials, transport: transport, policy: policy,
    budget: RunBudget(deadline: deadline), timeout: 10, searchRateLimit: searchRateLimit)
}

/// The request body parsed back.
func body(_ request: HTTPRequest) -> JSONValue? {
  request.body.flatMap { try? JSONParser.parse($0) }
}

/// Runs `operation` and returns the HibobAPIError it threw, failing the test when it did not.
func expectAPIError<T>(
  sourceLocation: SourceLocation = #_sourceLocation,
  _ operation: () async throws -> T
) async -> HibobAPIError? {
  do {
    _ = try await operation()
    Issue.record("expected a HibobAPIError", sourceLocation: sourceLocation)
    return nil
  } catch let error as HibobAPIError {
    return error
  } catch {
    Issue.record("expected a HibobAPIError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}
