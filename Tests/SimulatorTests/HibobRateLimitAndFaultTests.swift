import Foundation
import LoopbackHTTP
import Simulator
import TestSupport
import Testing

@Suite("Rate limit, faults and the request log")
struct HibobRateLimitAndFaultTests {
  @Test("the 51st search in a minute is 429 with the X-RateLimit headers; the window slides")
  func rateLimit() async throws {
    let clock = ManualClock()
    let sim = try Fixtures.simulator("compliant", clock: clock)
    let start = Int(clock.now.timeIntervalSince1970)
    for i in 1...50 {
      let answer = await sim.search(["root.id"])
      #expect(answer.status == 200)
      #expect(answer.header("X-RateLimit-Limit") == "50")
      #expect(answer.header("X-RateLimit-Remaining") == String(50 - i))
      #expect(answer.header("X-RateLimit-Reset") == String(start + 60))
      if i == 25 { clock.advance(by: 30) }
    }
    let limited = await sim.search(["root.id"])
    #expect(limited.status == 429)
    #expect(limited.header("X-RateLimit-Remaining") == "0")
    #expect(limited.header("X-RateLimit-Reset") == String(start + 60))
    #expect(limited.header("Retry-After") == nil)
    // Other endpoints are not limited by it.
    #expect(await sim.send("GET", "/v1/company/people/fields").status == 200)
    // After the first 25 leave the window, 25 slots are free again.
    clock.advance(by: 30)
    let again = await sim.search(["root.id"])
    #expect(again.status == 200)
    #expect(again.header("X-RateLimit-Remaining") == "24")
    #expect(sim.count(status: 429) == 1)
  }

  @Test("status faults: the first N matching requests, 429 with or without Retry-After, 5xx")
  func statusFaults() async throws {
    let sim = try Fixtures.simulator("compliant")
    sim.addFault(.status(429, method: "POST", path: "/v1/people/search", times: 2, retryAfter: 3))
    sim.addFault(.status(503, path: "/v1/company/people/fields"))
    let first = await sim.search(["root.id"])
    #expect(first.status == 429)
    #expect(first.header("Retry-After") == "3")
    #expect(first.header("X-RateLimit-Limit") == "50")
    #expect(first.header("X-RateLimit-Reset") == "1800000003")
    #expect(await sim.search(["root.id"]).status == 429)
    #expect(await sim.search(["root.id"]).status == 200)
    #expect(await sim.send("GET", "/v1/company/people/fields").status == 503)
    #expect(await sim.send("GET", "/v1/company/people/fields").status == 200)
    // A fault fires before the credentials are checked.
    sim.addFault(.status(502, path: "/v1/people/search"))
    #expect(await sim.send("POST", "/v1/people/search", authorization: .none).status == 502)
  }

  @Test("tenant-file faults fire too")
  func tenantFaults() async throws {
    let sim = try Fixtures.simulator("fields-html")
    let answer = await sim.send("GET", "/v1/company/people/fields")
    #expect(answer.status == 200)
    #expect(answer.header("Content-Type")?.hasPrefix("text/html") == true)
    let unavailable = try Fixtures.simulator("search-unavailable")
    #expect(await unavailable.search(["root.id"]).status == 503)
    let limited = try Fixtures.simulator("search-rate-limited")
    let answer429 = await limited.search(["root.id"])
    #expect(answer429.status == 429)
    #expect(answer429.header("Retry-After") == nil)
  }

  @Test(
    "body faults map onto ServerResponse: delay, html, malformed, truncated, close, huge, trickle")
  func bodyFaults() async throws {
    let sim = try Fixtures.simulator("compliant")
    let path = "/v1/company/people/fields"
    let normal = await sim.send("GET", path)

    sim.addFault(FaultSpec(path: path, kind: .delay, seconds: 2.5))
    let delayed = await sim.send("GET", path)
    #expect(delayed.response.delay == 2.5)
    #expect(delayed.response.body == normal.response.body)

    sim.addFault(FaultSpec(path: path, kind: .malformedJSON))
    let malformed = await sim.send("GET", path)
    #expect(malformed.status == 200)
    #expect(malformed.header("Content-Type") == "application/json")
    #expect(malformed.json == nil)

    sim.addFault(FaultSpec(path: path, kind: .truncatedJSON))
    let truncated = await sim.send("GET", path)
    #expect(truncated.response.body == normal.response.body)
    #expect(truncated.response.fault == .truncateBody(bytes: normal.response.body.count / 2))

    sim.addFault(FaultSpec(path: path, kind: .closeConnection))
    #expect(await sim.send("GET", path).response.fault == .closeConnection)

    sim.addFault(FaultSpec(path: path, kind: .hugeBody, bytes: 1_000_000))
    let huge = await sim.send("GET", path)
    #expect(huge.response.body.count == 1_000_000)
    #expect(huge.object["employees"] != nil)

    sim.addFault(FaultSpec(path: "/v1/company/*", kind: .trickle, chunkSize: 10, interval: 0.01))
    let trickled = await sim.send("GET", path)
    #expect(trickled.response.fault == .trickle(chunkSize: 10, interval: 0.01))
    #expect(trickled.response.body == normal.response.body)

    sim.addFault(FaultSpec(method: "POST", path: path, kind: .html))
    #expect(await sim.send("GET", path).header("Content-Type") == "application/json")
    #expect(await sim.send("POST", path).header("Content-Type")?.hasPrefix("text/html") == true)

    let kinds = sim.requests.compactMap(\.fault)
    #expect(
      kinds == [
        .delay, .malformedJSON, .truncatedJSON, .closeConnection, .hugeBody, .trickle, .html,
      ])
    #expect(sim.requests.contains { $0.status == 0 && $0.fault == .closeConnection })
  }

  @Test("the request log records method, path, query, status and authorization, never secrets")
  func requestLog() async throws {
    let sim = try Fixtures.simulator("compliant")
    _ = await sim.send("GET", "/v1/bulk/people/employment?limit=5&employeeIds=\(People.ceo)")
    _ = await sim.search(["root.id"])
    _ = await sim.send("GET", "/v1/company/people/fields", authorization: .none)
    let log = sim.requests
    #expect(log.count == 3)
    #expect(log[0].method == "GET")
    #expect(log[0].path == "/v1/bulk/people/employment")
    #expect(log[0].query == ["limit": "5", "employeeIds": People.ceo])
    #expect(log[0].status == 200 && log[0].authorized)
    #expect(log[1].path == "/v1/people/search")
    #expect(log[2].status == 401 && !log[2].authorized)
    #expect(sim.count(method: "POST", path: "/v1/people/search") == 1)
    #expect(sim.count(status: 401) == 1)
    let dump = String(describing: log)
    #expect(!dump.contains(HibobSimulator.testToken))
    #expect(!dump.contains(HibobSimulator.basic(HibobSimulator.testUser, HibobSimulator.testToken)))
    _ = await sim.send(
      "POST", "/v1/people/ada.example%40example.com", json: ["fields": ["root.id"]])
    #expect(sim.requests.last?.path == "/v1/people/{email}")
    #expect(sim.requests.last?.status == 200)
    sim.clearLog()
    #expect(sim.requests.isEmpty)
  }
}
