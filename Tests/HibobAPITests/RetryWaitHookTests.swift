import Foundation
import HibobAPI
import Synchronization
import TestSupport
import Testing

private let fieldsJSON = #"[{"id":"root.id","name":"Id","categoryId":"root"}]"#

/// The progress hook: the client says what it waits for and how long, before it sleeps.
@Suite struct RetryWaitHookTests {
  /// Each wait the hook was told of, with the number of sleeps taken before it.
  final class Seen: Sendable {
    let waits = Mutex<[(RetryWait, Int)]>([])
  }

  private func client(_ transport: StubTransport, clock: ManualClock, seen: Seen) -> HibobClient {
    let policy = RetryPolicy(
      maxWaitPerRetry: 30, baseBackoff: 0.5, jitter: { 1 }, clock: clock.hibobClock,
      onWait: { wait in seen.waits.withLock { $0.append((wait, clock.sleeps.count)) } })
    return HibobClient(
      baseURL: testBase, credentials: testCredentials, transport: transport, policy: policy)
  }

  @Test func aRateLimitedAnswerIsAnnouncedBeforeTheWait() async throws {
    let clock = ManualClock()
    let seen = Seen()
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt == 0
          ? jsonResponse(429, "{}", headers: ["Retry-After": "7"]) : jsonResponse(fieldsJSON)
      default: return unexpected(request)
      }
    }
    _ = try await client(transport, clock: clock, seen: seen).fieldMetadata()
    let waits = seen.waits.withLock { $0 }
    #expect(waits.count == 1)
    #expect(
      waits.first?.0
        == RetryWait(
          method: "GET", path: "/v1/company/people/fields", reason: .rateLimited, nextAttempt: 2,
          seconds: 7))
    // Announced before the sleep, which then took exactly that long.
    #expect(waits.first?.1 == 0)
    #expect(clock.sleeps == [7])
    #expect(
      waits.first?.0.description
        == "rate-limited (429): waiting 7 s before retrying GET /v1/company/people/fields (attempt 2)"
    )
  }

  @Test func serverErrorsAreAnnouncedWithTheirStatusAndNoneAfterA401() async throws {
    let clock = ManualClock()
    let seen = Seen()
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/company/people/fields"):
        return attempt == 0 ? jsonResponse(503, "{}") : jsonResponse(401, "{}")
      default: return unexpected(request)
      }
    }
    _ = try? await client(transport, clock: clock, seen: seen).fieldMetadata()
    let waits = seen.waits.withLock { $0.map(\.0) }
    #expect(waits.map(\.reason) == [.serverError(503)])
    #expect(waits.map(\.nextAttempt) == [2])
  }
}
