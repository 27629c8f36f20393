import Foundation
import LoopbackHTTP
import Simulator
import Synchronization
import TestSupport
import Testing

/// The simulated Remote's handler, called directly (the loopback path is covered by the
/// RemoteSync tests).
@Suite struct RemoteSimulatorTests {
  static let token = "t-123"

  func simulator(
    rateLimit: RemoteRateLimit? = nil, now: @escaping @Sendable () -> Date = { Date() }
  )
    -> RemoteSimulator
  {
    RemoteSimulator(
      configuration: RemoteSimulatorConfiguration(
        token: Self.token, today: "2026-11-24", now: now, rateLimit: rateLimit))
  }

  func request(
    _ method: String, _ target: String, _ body: Any? = nil, token: String? = token
  ) -> ServerRequest {
    var headers: [String: String] = [:]
    if let token { headers["authorization"] = "Bearer " + token }
    let data = body.flatMap { try? JSONSerialization.data(withJSONObject: $0) } ?? Data()
    return ServerRequest(method: method, target: target, headers: headers, body: data)
  }

  func employment(
    email: String = "a@example.com", name: String = "A B", type: String = "employee",
    country: String = "GBR", start: String = "2027-01-01", externalId: Any = "1"
  ) -> [String: Any] {
    [
      "employment": [
        "type": type, "country_code": country, "external_id": externalId,
        "basic_information": [
          "email": email, "name": name, "job_title": "Eng", "provisional_start_date": start,
        ],
      ]
    ]
  }

  func json(_ r: ServerResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any]) ?? [:]
  }

  func errorKeys(_ r: ServerResponse) -> [String] {
    ((json(r)["errors"] as? [String: Any]) ?? [:]).keys.sorted()
  }

  @Test func createGetPatchAndList() async throws {
    let sim = simulator()
    let created = await sim.handle(request("POST", "/v1/employments", employment()))
    #expect(created.status == 201)
    let e = try #require((json(created)["data"] as? [String: Any])?["employment"] as? [String: Any])
    let id = try #require(e["id"] as? String)
    #expect(e["status"] as? String == "created")
    #expect(e["created_at"] is String)
    #expect(await sim.handle(request("GET", "/v1/employments/\(id)")).status == 200)
    let patched = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)", ["employment": ["basic_information": ["name": "C D"]]]))
    #expect(patched.status == 200)
    #expect(sim.employments.first?.name == "C D")
    #expect(sim.employments.first?.jobTitle == "Eng", "a PATCH keeps the keys it does not send")
    let list = await sim.handle(request("GET", "/v1/employments?email=A%40EXAMPLE.com"))
    let data = try #require(json(list)["data"] as? [String: Any])
    #expect((data["employments"] as? [Any])?.count == 1)
    #expect(data["total_count"] as? Int == 1)
    #expect(data["current_page"] as? Int == 1)
    #expect(data["total_pages"] as? Int == 1)
  }

  @Test func paging() async throws {
    let sim = simulator()
    for i in 0..<45 {
      _ = await sim.handle(
        request("POST", "/v1/employments", employment(email: "p\(i)@example.com")))
    }
    #expect(sim.employments.count == 45)
    func page(_ q: String) async -> (Int, Int, Int) {
      let data =
        json(await sim.handle(request("GET", "/v1/employments" + q)))["data"]
        as? [String: Any] ?? [:]
      return (
        (data["employments"] as? [Any])?.count ?? -1, data["total_pages"] as? Int ?? -1,
        data["total_count"] as? Int ?? -1
      )
    }
    #expect(await page("") == (20, 3, 45))
    #expect(await page("?page=3") == (5, 3, 45))
    #expect(await page("?page=4") == (0, 3, 45))
    #expect(await page("?page_size=100") == (45, 1, 45))
    #expect(await page("?page_size=500") == (45, 1, 45))
    #expect(await sim.handle(request("GET", "/v1/employments?page=0")).status == 422)
    #expect(await sim.handle(request("GET", "/v1/employments?page_size=x")).status == 422)
  }

  @Test func authenticationAndRouting() async {
    let sim = simulator()
    #expect(await sim.handle(request("GET", "/v1/employments", token: nil)).status == 401)
    #expect(await sim.handle(request("GET", "/v1/employments", token: "other")).status == 401)
    #expect(await sim.handle(request("GET", "/v1/employments/nope")).status == 404)
    #expect(await sim.handle(request("GET", "/v1/other")).status == 404)
    #expect(await sim.handle(request("GET", "/employments")).status == 404)
    #expect(await sim.handle(request("DELETE", "/v1/employments")).status == 405)
    #expect(await sim.handle(request("PUT", "/v1/employments/x")).status == 405)
    #expect(await sim.handle(request("PATCH", "/v1/employments/x", employment())).status == 404)
    #expect(sim.requestLog.count == 8)
  }

  @Test func duplicateEmailsConflictIgnoringCase() async {
    let sim = simulator()
    #expect(await sim.handle(request("POST", "/v1/employments", employment())).status == 201)
    let again = await sim.handle(
      request("POST", "/v1/employments", employment(email: "A@Example.COM")))
    #expect(again.status == 409)
    #expect(errorKeys(again) == ["basic_information.email"])
    _ = await sim.handle(request("POST", "/v1/employments", employment(email: "b@example.com")))
    let id = sim.employments[1].id
    let steal = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)",
        ["employment": ["basic_information": ["email": "a@EXAMPLE.com"]]]))
    #expect(steal.status == 409)
    #expect(sim.employments.count == 2)
  }

  @Test(arguments: [1_795_000_000.7, 0, 951_782_400, 4_102_444_799])
  func timestampsAreISO8601InUTC(_ seconds: Double) async throws {
    let date = Date(timeIntervalSince1970: seconds)
    let sim = RemoteSimulator(
      configuration: RemoteSimulatorConfiguration(
        token: Self.token, today: "1970-01-01", now: { date }, rateLimit: nil))
    let created = await sim.handle(request("POST", "/v1/employments", employment()))
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    let e = try #require((json(created)["data"] as? [String: Any])?["employment"] as? [String: Any])
    #expect(e["created_at"] as? String == formatter.string(from: date))
    let today = RemoteSimulatorConfiguration(now: { date }).today()
    #expect(today == String(formatter.string(from: date).prefix(10)))
  }

  /// The email look-up and the duplicate check follow a PATCH of the email, a removal and a seed.
  @Test func emailLookUpFollowsChangesRemovalsAndSeeds() async throws {
    let sim = simulator()
    func ids(_ email: String) async -> [String] {
      let data =
        json(await sim.handle(request("GET", "/v1/employments?email=" + email)))["data"]
        as? [String: Any] ?? [:]
      return ((data["employments"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }
    for i in 0..<3 {
      _ = await sim.handle(request("POST", "/v1/employments", employment(email: "e\(i)@x.com")))
    }
    let (a, b, c) = (sim.employments[0].id, sim.employments[1].id, sim.employments[2].id)
    #expect(await ids("E1@x.com") == [b])
    let moved = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(b)",
        ["employment": ["basic_information": ["email": "New@x.com"]]]))
    #expect(moved.status == 200)
    #expect(await ids("e1@x.com").isEmpty)
    #expect(await ids("new@X.com") == [b])
    #expect(
      await sim.handle(request("POST", "/v1/employments", employment(email: "e1@x.com"))).status
        == 201)
    #expect(
      await sim.handle(request("POST", "/v1/employments", employment(email: "NEW@x.com"))).status
        == 409)
    sim.remove(id: a)
    #expect(await ids("e0@x.com").isEmpty)
    #expect(await sim.handle(request("GET", "/v1/employments/\(a)")).status == 404)
    #expect(await sim.handle(request("GET", "/v1/employments/\(c)")).status == 200)
    #expect(await ids("e2@x.com") == [c])
    sim.seed([
      RemoteEmploymentRecord(
        type: "employee", countryCode: "GBR", externalId: "9", email: "E2@x.com", name: "S",
        jobTitle: nil, provisionalStartDate: "2027-01-01")
    ])
    let both = await ids("e2@x.com")
    #expect(both.count == 2 && both.first == c, "both, in creation order")
    #expect(
      await sim.handle(request("POST", "/v1/employments", employment(email: "e2@X.com"))).status
        == 409)
  }

  @Test(arguments: [
    ("type", "intern", "type"), ("country_code", "gbr", "country_code"),
    ("country_code", "GB", "country_code"), ("country_code", "XXX", "country_code"),
    ("email", "nope", "basic_information.email"), ("name", "  ", "basic_information.name"),
    ("start", "2027-02-30", "basic_information.provisional_start_date"),
    ("start", "01/01/2027", "basic_information.provisional_start_date"),
    ("start", "2026-11-23", "basic_information.provisional_start_date"),
  ])
  func validation(_ what: String, _ value: String, _ field: String) async {
    let sim = simulator()
    let body: [String: Any]
    switch what {
    case "type": body = employment(type: value)
    case "country_code": body = employment(country: value)
    case "email": body = employment(email: value)
    case "name": body = employment(name: value)
    default: body = employment(start: value)
    }
    let r = await sim.handle(request("POST", "/v1/employments", body))
    #expect(r.status == 422)
    #expect(errorKeys(r) == [field])
    #expect(sim.employments.isEmpty)
  }

  @Test func otherValidation() async {
    let sim = simulator()
    let nonString = await sim.handle(request("POST", "/v1/employments", employment(externalId: 42)))
    #expect(errorKeys(nonString) == ["external_id"])
    var noEmail = employment()
    noEmail["employment"] = [
      "type": "employee", "country_code": "GBR", "basic_information": ["name": "A"],
    ]
    #expect(
      errorKeys(await sim.handle(request("POST", "/v1/employments", noEmail)))
        == ["basic_information.email", "basic_information.provisional_start_date"])
    #expect(await sim.handle(request("POST", "/v1/employments", ["x": 1])).status == 422)
    #expect(
      await sim.handle(request("POST", "/v1/employments", employment(start: "2026-11-24"))).status
        == 201)
    // A PATCH may keep a past start date: the check is for creation only.
    let id = sim.employments[0].id
    let past = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)",
        ["employment": ["basic_information": ["provisional_start_date": "2020-01-01"]]]))
    #expect(past.status == 200)
  }

  @Test func rateLimitWithHeaders() async {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
    let sim = simulator(rateLimit: RemoteRateLimit(limit: 2, window: 60), now: { clock.now })
    let first = await sim.handle(request("GET", "/v1/employments"))
    #expect(header(first, "X-RateLimit-Limit") == "2")
    #expect(header(first, "X-RateLimit-Remaining") == "1")
    _ = await sim.handle(request("GET", "/v1/employments"))
    let limited = await sim.handle(request("GET", "/v1/employments"))
    #expect(limited.status == 429)
    #expect(header(limited, "Retry-After") == "60")
    #expect(header(limited, "X-RateLimit-Remaining") == "0")
    clock.advance(by: 61)
    #expect(await sim.handle(request("GET", "/v1/employments")).status == 200)
  }

  @Test func faults() async {
    let sim = simulator()
    sim.inject(RemoteFault(.status(502), method: "POST", count: 2))
    sim.inject(RemoteFault(.html, pathPrefix: "/v1/employments", count: 1))
    #expect(await sim.handle(request("POST", "/v1/employments", employment())).status == 502)
    let html = await sim.handle(request("GET", "/v1/employments"))
    #expect(header(html, "Content-Type")?.hasPrefix("text/html") == true)
    #expect(await sim.handle(request("POST", "/v1/employments", employment())).status == 502)
    #expect(sim.employments.isEmpty, "a status fault does not process the request")
    sim.inject(RemoteFault(.processThenClose, method: "POST"))
    let dropped = await sim.handle(request("POST", "/v1/employments", employment()))
    #expect(dropped.fault == .closeConnection)
    #expect(sim.employments.count == 1, "the write landed though the answer was lost")
    sim.inject(RemoteFault(.truncatedJSON))
    let cut = await sim.handle(request("GET", "/v1/employments"))
    if case .truncateBody(let n)? = cut.fault {
      #expect(n < cut.body.count)
    } else {
      Issue.record("not truncated")
    }
    sim.inject(RemoteFault(.delay(0.5)))
    #expect(await sim.handle(request("GET", "/v1/employments")).delay == 0.5)
    #expect(await sim.handle(request("GET", "/v1/employments")).fault == nil)
    #expect(sim.requestLog.filter { $0.fault != nil }.count == 6)
  }

  func header(_ r: ServerResponse, _ name: String) -> String? {
    r.headers.last { $0.0.lowercased() == name.lowercased() }?.1
  }
}
