import Foundation
import HibobAPI
import TestSupport
import Testing

private let fieldsJSON = #"[{"id":"root.id","name":"Id","categoryId":"root"}]"#

@Suite struct RetryTests {
  @Test func rateLimitedWaitsForRetryAfterThenSucceeds() async throws {
    let clock = ManualClock()
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt == 0
          ? jsonResponse(429, #"{"key":"rate"}"#, headers: ["Retry-After": "7"])
          : jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport, clock: clock)
    let answer = try await client.fieldMetadata()
    #expect(answer.value.map { $0.id } == ["root.id"])
    #expect(clock.sleeps == [7])
    #expect(answer.records.count == 1)
    #expect(answer.records[0].attempts == 2)
    #expect(answer.records[0].status == 200)
    #expect(answer.records[0].rateLimitedAnswers == 1)
    #expect(client.stats.requests == 2)
    #expect(client.stats.retries == 1)
    #expect(client.stats.rateLimitedAnswers == 1)
  }

  @Test func rateLimitedWithOnlyResetHeaderWaitsUntilReset() async throws {
    let clock = ManualClock()
    let reset = Int(clock.now.timeIntervalSince1970) + 12
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt == 0
          ? jsonResponse(
            429, "{}", headers: ["X-RateLimit-Reset": String(reset), "X-RateLimit-Remaining": "0"])
          : jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport, clock: clock).fieldMetadata()
    #expect(answer.value.count == 1)
    #expect(clock.sleeps == [12])
  }

  @Test func rateLimitWaitIsCapped() async throws {
    let clock = ManualClock()
    let far = Int(clock.now.timeIntervalSince1970) + 3600
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt == 0
          ? jsonResponse(429, "{}", headers: ["X-RateLimit-Reset": String(far)])
          : jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    _ = try await makeClient(transport, clock: clock).fieldMetadata()
    #expect(clock.sleeps == [30])
  }

  @Test func rateLimitedPastTheAttemptsIsRateLimitedAfterThreeRetries() async {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return jsonResponse(429, "{}", headers: ["Retry-After": "1"])
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport, clock: clock)
    let error = await expectAPIError { try await client.fieldMetadata() }
    #expect(error?.kind == .rateLimited)
    #expect(error?.records.first?.attempts == 4)
    #expect(error?.records.first?.rateLimitedAnswers == 4)
    #expect(error?.records.first?.status == 429)
    #expect(transport.requests.count == 4)
    #expect(clock.sleeps == [1, 1, 1])
    #expect(client.stats.rateLimitedAnswers == 4)
  }

  @Test func runRetryBudgetStopsRetries() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return jsonResponse(429, "{}", headers: ["Retry-After": "1"])
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport, maxRetriesPerRun: 1)
    let first = await expectAPIError { try await client.fieldMetadata() }
    #expect(first?.kind == .rateLimited)
    #expect(first?.records.first?.attempts == 2)
    let second = await expectAPIError { try await client.fieldMetadata() }
    #expect(second?.records.first?.attempts == 1)
    #expect(client.stats.retries == 1)
    #expect(transport.requests.count == 3)
  }

  @Test(arguments: [500, 502, 503, 504])
  func serverErrorsBackOffThenSucceed(_ status: Int) async throws {
    let clock = ManualClock()
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt < 2 ? jsonResponse(status, "{}") : jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport, clock: clock).fieldMetadata()
    #expect(answer.records.first?.attempts == 3)
    #expect(clock.sleeps == [0.5, 1.0])
  }

  @Test func serverErrorsPastTheAttemptsAreHTTPErrors() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): return jsonResponse(503, "{}")
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).fieldMetadata() }
    #expect(error?.kind == .http(503))
    #expect(transport.requests.count == 4)
  }

  @Test func timeoutsAndConnectionFailuresAreRetried() async throws {
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        if attempt == 0 { throw TransportError.timedOut }
        if attempt == 1 { throw TransportError.connectionFailed("refused") }
        return jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport).fieldMetadata()
    #expect(answer.records.first?.attempts == 3)
    #expect(answer.records.first?.status == 200)
  }

  @Test func timeoutsPastTheAttemptsAreTransportErrors() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): throw TransportError.timedOut
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).fieldMetadata() }
    #expect(error?.kind == .transport(.timedOut))
    #expect(error?.records.first?.status == nil)
    #expect(error?.records.first?.attempts == 4)
  }

  @Test(arguments: [
    (401, HibobAPIError.Kind.unauthorized), (403, .forbidden), (404, .notFound),
    (400, .http(400)), (422, .http(422)), (409, .http(409)),
  ])
  func clientErrorsAreSentExactlyOnce(_ status: Int, _ kind: HibobAPIError.Kind) async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return jsonResponse(status, #"{"key":"x","error":"could not be authenticated"}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let error = await expectAPIError { try await client.fieldMetadata() }
    #expect(error?.kind == kind)
    #expect(error?.serverMessage == "could not be authenticated")
    #expect(error?.records == [error?.records.first].compactMap { $0 })
    #expect(error?.records.first?.attempts == 1)
    #expect(error?.records.first?.status == status)
    #expect(transport.requests.count == 1)
    #expect(client.stats.retries == 0)
  }

  @Test func afterA401NothingMoreIsSent() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): return jsonResponse(401, "{}")
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let first = await expectAPIError { try await client.fieldMetadata() }
    #expect(first?.kind == .unauthorized)
    let second = await expectAPIError { try await client.namedLists() }
    #expect(second?.kind == .unauthorized)
    #expect(second?.records.first?.attempts == 0)
    #expect(second?.records.first?.status == nil)
    let write = await expectAPIError { try await client.postInvalidField() }
    #expect(write?.kind == .unauthorized)
    #expect(transport.requests.count == 1)
  }

  @Test(arguments: [301, 302, 307, 308])
  func redirectsAreErrorsNotFollowed(_ status: Int) async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return HTTPResponse(
          status: status, headers: ["location": "https://evil.example.com/steal?token=x"])
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError { try await makeClient(transport).fieldMetadata() }
    #expect(error?.kind == .redirect(locationHost: "evil.example.com"))
    #expect(error.map { !$0.description.contains("steal") } == true)
    #expect(transport.requests.count == 1)
  }

  @Test func passedDeadlineFailsFastWithoutSending() async {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in unexpected(request) }
    let client = makeClient(transport, clock: clock, deadline: clock.now.addingTimeInterval(-1))
    let error = await expectAPIError { try await client.fieldMetadata() }
    #expect(error?.kind == .deadline)
    #expect(error?.records.first?.attempts == 0)
    #expect(transport.requests.isEmpty)
  }

  @Test func aRetryWaitPastTheDeadlineIsNotTaken() async {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return jsonResponse(429, "{}", headers: ["Retry-After": "20"])
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport, clock: clock, deadline: clock.now.addingTimeInterval(10))
    let error = await expectAPIError { try await client.fieldMetadata() }
    #expect(error?.kind == .rateLimited)
    #expect(clock.sleeps.isEmpty)
    #expect(transport.requests.count == 1)
  }

  @Test func requestTimeoutShrinksToTheDeadline() async throws {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): return jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport, clock: clock, deadline: clock.now.addingTimeInterval(4))
    _ = try await client.fieldMetadata()
    #expect(transport.requests.first?.timeout == 4)
  }

  @Test func sendsAuthorizationAndAccept() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"): return jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    _ = try await makeClient(transport).fieldMetadata()
    let request = try #require(transport.requests.first)
    let expected = "Basic " + Data("SERVICE-USER-1:\(testToken)".utf8).base64EncodedString()
    #expect(request.headers["Authorization"] == expected)
    #expect(request.headers["Accept"] == "application/json")
    #expect(request.url.absoluteString == "https://api.hibob.com/v1/company/people/fields")
    #expect(request.timeout == 10)
  }
}
