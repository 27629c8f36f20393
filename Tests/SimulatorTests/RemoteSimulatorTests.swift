import Foundation
import LoopbackHTTP
import Simulator
import Synchronization
import TestSupport
import Testing

/// The simulated Remote's handler, called directly (the loopback path is covered by the
/// RemoteSync tests): Remote's contract as `remote-api.md` models it.
@Suite struct RemoteSimulatorTests {
  static let token = "t-123"

  func simulator(
    rateLimit: RemoteRateLimit? = nil, now: @escaping @Sendable () -> Date = { Date() }
  ) -> RemoteSimulator {
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
    email: String = "a@example.com", type: String = "employee", country: String = "GBR",
    start: String = "2027-01-01", basic: [String: Any] = [:]
  ) -> [String: Any] {
    var b: [String: Any] = [
      "email": email, "name": "A B", "job_title": "Eng", "provisional_start_date": start,
    ]
    b.merge(basic) { _, new in new }
    return ["type": type, "country_code": country, "external_id": "1", "basic_information": b]
  }

  static var portugal: [String: Any] {
    [
      "has_seniority_date": "no", "tax_servicing_countries": ["PRT"],
      "tax_job_category": "employee",
    ]
  }

  func json(_ r: ServerResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any]) ?? [:]
  }

  func errorKeys(_ r: ServerResponse) -> [String] {
    ((json(r)["errors"] as? [String: Any]) ?? [:]).keys.sorted()
  }

  func employmentJSON(_ r: ServerResponse) -> [String: Any] {
    ((json(r)["data"] as? [String: Any])?["employment"] as? [String: Any]) ?? [:]
  }

  @Test func createShowListAndPatchUnwrapped() async throws {
    let sim = simulator()
    let created = await sim.handle(request("POST", "/v1/employments", employment()))
    #expect(created.status == 201)
    let e = employmentJSON(created)
    let id = try #require(e["id"] as? String)
    #expect(e["status"] as? String == "created")
    #expect((e["country"] as? [String: Any])?["code"] as? String == "GBR")
    #expect(e["country_code"] == nil, "E has a country object, no country_code")
    let list = json(await sim.handle(request("GET", "/v1/employments?email=A%40EXAMPLE.com")))
    let items = ((list["data"] as? [String: Any])?["employments"] as? [[String: Any]]) ?? []
    #expect(items.count == 1)
    #expect(items.first?["login_email"] as? String == "a@example.com")
    #expect(items.first?["basic_information"] == nil, "list items carry no basic_information")
    let patched = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)",
        ["basic_information": employment(basic: ["job_title": "Lead"])["basic_information"]!]))
    #expect(patched.status == 200)
    #expect(sim.employments.first?.jobTitle == "Lead")
  }

  @Test func aWrappedBodyIsRefused() async throws {
    let sim = simulator()
    let r = await sim.handle(request("POST", "/v1/employments", ["employment": employment()]))
    #expect(r.status == 422)
    #expect(errorKeys(r).contains("basic_information"))
    #expect(sim.employments.isEmpty)
  }

  @Test func aCreateTakesOnlyTheCreateParametersAndTheAddressGoesByPatch() async throws {
    let sim = simulator()
    var body = employment()
    body["address_details"] = [
      "address": "1 Example Street", "city": "Testville", "postal_code": "AB1 2CD",
    ]
    let refused = await sim.handle(request("POST", "/v1/employments", body))
    #expect(refused.status == 422)
    #expect(errorKeys(refused) == ["address_details"])
    #expect(sim.employments.isEmpty)
    let created = await sim.handle(request("POST", "/v1/employments", employment()))
    let id = try #require(employmentJSON(created)["id"] as? String)
    let patched = await sim.handle(
      request("PATCH", "/v1/employments/\(id)", ["address_details": body["address_details"]!]))
    #expect(patched.status == 200, "\(json(patched))")
  }

  @Test func formsDifferPerCountryAndComeInBothEnvelopes() async throws {
    let sim = simulator()
    let prt = json(
      await sim.handle(request("GET", "/v1/countries/PRT/employment_basic_information")))
    let prtData = try #require(prt["data"] as? [String: Any])
    #expect(prtData["version"] as? Int == 3)
    let schema = try #require(prtData["schema"] as? [String: Any])
    #expect(
      Set(schema["required"] as? [String] ?? []).isSuperset(of: [
        "has_seniority_date", "tax_servicing_countries", "tax_job_category",
      ]))
    #expect(schema["additionalProperties"] as? Bool == false)
    #expect(schema["if"] != nil)
    let deu = json(
      await sim.handle(request("GET", "/v1/countries/DEU/employment_basic_information")))
    let deuRequired = ((deu["data"] as? [String: Any])?["schema"] as? [String: Any])?["required"]
    #expect((deuRequired as? [String])?.contains("mobile_number") == true)
    let fra = json(
      await sim.handle(request("GET", "/v1/countries/FRA/employment_basic_information")))
    #expect(
      ((fra["data"] as? [String: Any])?["required"] as? [String])?.contains(
        "ack_non_eligible_job_titles") == true)
    let unknown = await sim.handle(request("GET", "/v1/countries/ATA/employment_basic_information"))
    #expect(unknown.status == 404)
  }

  @Test func theSimulatorValidatesCreatesAgainstTheCountryForm() async throws {
    let sim = simulator()
    let missing = await sim.handle(request("POST", "/v1/employments", employment(country: "PRT")))
    #expect(missing.status == 422)
    #expect(
      Set(errorKeys(missing)) == [
        "basic_information.has_seniority_date", "basic_information.tax_job_category",
        "basic_information.tax_servicing_countries",
      ])
    let extra = Self.portugal.merging(["shoe_size": 42]) { a, _ in a }
    let closed = await sim.handle(
      request("POST", "/v1/employments", employment(country: "PRT", basic: extra)))
    #expect(errorKeys(closed) == ["basic_information.shoe_size"], "additionalProperties false")
    let badEnum = Self.portugal.merging(["tax_job_category": "astronaut"]) { _, n in n }
    let enumRefused = await sim.handle(
      request("POST", "/v1/employments", employment(country: "PRT", basic: badEnum)))
    #expect(errorKeys(enumRefused) == ["basic_information.tax_job_category"])
    let seniority = Self.portugal.merging(["has_seniority_date": "yes"]) { _, n in n }
    let conditional = await sim.handle(
      request("POST", "/v1/employments", employment(country: "PRT", basic: seniority)))
    #expect(errorKeys(conditional) == ["basic_information.seniority_date"], "if/then")
    let ok = await sim.handle(
      request("POST", "/v1/employments", employment(country: "PRT", basic: Self.portugal)))
    #expect(ok.status == 201)
    let badDate = await sim.handle(
      request("POST", "/v1/employments", employment(email: "b@example.com", start: "2027-02-30")))
    #expect(errorKeys(badDate) == ["basic_information.provisional_start_date"])
    let past = await sim.handle(
      request("POST", "/v1/employments", employment(email: "c@example.com", start: "2020-01-01")))
    #expect(errorKeys(past) == ["basic_information.provisional_start_date"])
    let country = await sim.handle(
      request("POST", "/v1/employments", employment(email: "d@example.com", country: "GB")))
    #expect(errorKeys(country) == ["country_code"])
    let payroll = await sim.handle(
      request(
        "POST", "/v1/employments",
        employment(email: "e@example.com", type: "global_payroll_employee")))
    #expect(errorKeys(payroll) == ["engaged_by_legal_entity_id"])
    #expect(sim.employments.count == 1)
  }

  @Test func aDuplicateEmailIsA422OnEmailIgnoringCase() async throws {
    let sim = simulator()
    #expect(await sim.handle(request("POST", "/v1/employments", employment())).status == 201)
    let again = await sim.handle(
      request("POST", "/v1/employments", employment(email: "A@Example.COM")))
    #expect(again.status == 422)
    #expect((json(again)["errors"] as? [String: [String]])?["email"] == ["has already been taken"])
    #expect(sim.employments.count == 1)
  }

  @Test func updatesFollowTheStatusAndType() async throws {
    let sim = simulator()
    let id = try #require(
      employmentJSON(await sim.handle(request("POST", "/v1/employments", employment())))["id"]
        as? String)
    #expect(sim.setStatus(id: id, to: "invited"))
    let basic = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)", ["basic_information": employment()["basic_information"]!])
    )
    #expect(basic.status == 422)
    #expect(errorKeys(basic) == ["basic_information"])
    let work = await sim.handle(
      request("PATCH", "/v1/employments/\(id)", ["work_email": "w@example.com"]))
    #expect(work.status == 200)
    #expect(sim.employments.first?.workEmail == "w@example.com")
    // The admin endpoint moves it to active: the address may change, the basic information not.
    let moved = await sim.handle(
      request("POST", "/__sim/employments/\(id)/status", ["status": "active"]))
    #expect(moved.status == 200)
    let address = await sim.handle(
      request(
        "PATCH", "/v1/employments/\(id)",
        ["address_details": ["address": "1 Road", "city": "Town", "postal_code": "AB1"]]))
    #expect(address.status == 200)
    let contractor = try #require(
      employmentJSON(
        await sim.handle(
          request("POST", "/v1/employments", employment(email: "k@example.com", type: "contractor"))
        ))[
          "id"] as? String)
    let refused = await sim.handle(
      request("PATCH", "/v1/employments/\(contractor)", ["external_id": "2"]))
    #expect(refused.status == 422)
  }

  @Test func rateLimitedAnswersCarryTheResetInMilliseconds() async throws {
    let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    let sim = simulator(
      rateLimit: RemoteRateLimit(limit: 2, window: 60), now: { clock.withLock { $0 } })
    for _ in 0..<2 {
      #expect(await sim.handle(request("GET", "/v1/employments")).status == 200)
    }
    clock.withLock { $0 = $0.addingTimeInterval(10) }
    let limited = await sim.handle(request("GET", "/v1/employments"))
    #expect(limited.status == 429)
    let reset = limited.headers.first { $0.0 == "X-RateLimit-Reset" }?.1
    #expect(reset == "50000", "50 s left in the window, in milliseconds")
    #expect(!limited.headers.contains { $0.0 == "Retry-After" })
  }

  @Test func aWrongTokenIs401AndTheLogHoldsNoEmail() async throws {
    let sim = simulator()
    #expect(await sim.handle(request("GET", "/v1/employments", token: "nope")).status == 401)
    _ = await sim.handle(request("GET", "/v1/employments?email=a%40example.com"))
    #expect(sim.requestLog.last?.query["email"] == "{email}")
  }

  @Test func faultsDropAfterTheStoreAndTruncate() async throws {
    let sim = simulator()
    sim.inject(RemoteFault(.processThenClose, method: "POST"))
    let dropped = await sim.handle(request("POST", "/v1/employments", employment()))
    #expect(dropped.fault == .closeConnection)
    #expect(sim.employments.count == 1, "the write was stored before the drop")
    sim.inject(RemoteFault(.closeConnection, method: "POST"))
    _ = await sim.handle(request("POST", "/v1/employments", employment(email: "z@example.com")))
    #expect(sim.employments.count == 1, "dropped before the store")
    sim.inject(RemoteFault(.truncatedJSON, method: "GET"))
    let truncated = await sim.handle(request("GET", "/v1/employments"))
    if case .truncateBody? = truncated.fault {} else { Issue.record("not truncated") }
  }
}
