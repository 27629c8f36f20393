import Foundation
import HibobAPI
import TestSupport
import Testing

@Suite struct RetryPolicyTests {
  private func policy(_ clock: ManualClock) -> RetryPolicy {
    RetryPolicy(maxWaitPerRetry: 30, baseBackoff: 0.5, jitter: { 0 }, clock: clock.hibobClock)
  }

  @Test func retryAfterSecondsAndHTTPDate() {
    let clock = ManualClock()
    let p = policy(clock)
    #expect(
      p.rateLimitWait(HTTPResponse(status: 429, headers: ["retry-after": "3"]), retry: 1) == 3)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    let date = formatter.string(from: clock.now.addingTimeInterval(9))
    #expect(
      p.rateLimitWait(HTTPResponse(status: 429, headers: ["retry-after": date]), retry: 1) == 9)
  }

  @Test func resetIsUnixSecondsOrASmallDelta() {
    let clock = ManualClock()
    let p = policy(clock)
    let now = Int(clock.now.timeIntervalSince1970)
    let past = HTTPResponse(status: 429, headers: ["x-ratelimit-reset": String(now - 100)])
    #expect(p.rateLimitWait(past, retry: 1) == 0)
    let soon = HTTPResponse(status: 429, headers: ["x-ratelimit-reset": String(now + 5)])
    #expect(p.rateLimitWait(soon, retry: 1) == 5)
    let delta = HTTPResponse(status: 429, headers: ["x-ratelimit-reset": "8"])
    #expect(p.rateLimitWait(delta, retry: 1) == 8)
    let both = HTTPResponse(
      status: 429, headers: ["retry-after": "2", "x-ratelimit-reset": String(now + 20)])
    #expect(p.rateLimitWait(both, retry: 1) == 2)
  }

  @Test func noHintBacksOffAtLeastASecond() {
    let p = policy(ManualClock())
    #expect(p.rateLimitWait(HTTPResponse(status: 429), retry: 1) == 1)
    #expect(
      p.rateLimitWait(HTTPResponse(status: 429, headers: ["retry-after": "soon"]), retry: 4) == 2)
  }

  @Test func backoffDoublesWithJitterAndIsCapped() {
    let clock = ManualClock()
    let low = RetryPolicy(
      maxWaitPerRetry: 3, baseBackoff: 0.5, jitter: { 0 }, clock: clock.hibobClock)
    let high = RetryPolicy(
      maxWaitPerRetry: 3, baseBackoff: 0.5, jitter: { 1 }, clock: clock.hibobClock)
    #expect((1...4).map { low.backoff(retry: $0) } == [0.25, 0.5, 1, 2])
    #expect((1...4).map { high.backoff(retry: $0) } == [0.5, 1, 2, 3])
  }

  @Test func jsonValueIsCodable() throws {
    let value: JSONValue = ["a": [1, "x", nil, true], "b": .number("2.5")]
    let data = try JSONEncoder().encode(value)
    #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
  }
}
