import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Testing

@Suite struct RemoteClientTests {
  static func body(email: String = "x+tag@example.com", country: String = "GBR")
    -> HibobAPI
    .JSONValue
  {
    .object([
      "type": .string("employee"), "country_code": .string(country),
      "external_id": .string("42"),
      "basic_information": .object([
        "name": .string("X Y"), "email": .string(email), "job_title": .string("Engineer"),
        "provisional_start_date": .string("2027-01-01"),
      ]),
    ])
  }

  @Test func createFindShowAndPatchUnwrapped() async throws {
    let h = try RemoteHarness()
    let created = try await h.client.create(Self.body())
    #expect(created.status == "created")
    #expect(created.countryCode == "GBR", "country comes back as an object {code}")
    #expect(h.posts.count == 1)
    #expect(h.posts[0].bodyKeys.contains("basic_information.email"))
    #expect(!h.posts[0].bodyKeys.contains("employment"), "the body is not wrapped")
    let found = try await h.client.findEmployments(email: "X+TAG@example.com")
    #expect(found.map(\.id) == [created.id], "a + in the email is encoded, case is ignored")
    #expect(found[0].loginEmail == "x+tag@example.com")
    #expect(found[0].externalId == "42")
    #expect(try await h.client.findEmployments(email: "nobody@example.com").isEmpty)
    let shown = try #require(try await h.client.employment(id: created.id))
    #expect(shown.sections["basic_information"]?["job_title"]?.stringValue == "Engineer")
    #expect(try await h.client.employment(id: "no-such-id") == nil)
    let patched = try await h.client.update(
      id: created.id,
      .object([
        "basic_information": .object([
          "name": .string("X Y"), "email": .string("x+tag@example.com"),
          "job_title": .string("Lead"), "provisional_start_date": .string("2027-01-01"),
        ])
      ]))
    #expect(patched.sections["basic_information"]?["job_title"]?.stringValue == "Lead")
    #expect(h.writes.last?.bodyKeys.first == "basic_information.email")
  }

  @Test func formsAreReadInBothEnvelopes() async throws {
    let h = try RemoteHarness()
    let portugal = try await h.client.form(country: "PRT", .basicInformation)
    #expect(portugal.version == 3)
    #expect(portugal.propertyNames.contains("tax_job_category"))
    #expect(portugal.title(of: "email") == "Personal email")
    let france = try await h.client.form(country: "FRA", .basicInformation)
    #expect(france.version == nil, "France answers {\"data\": S}")
    #expect(france.propertyNames.contains("ack_non_eligible_job_titles"))
    await #expect(throws: RemoteAPIError.notFound(path: "/v1/countries/ATA/address_details")) {
      _ = try await h.client.form(country: "ATA", .addressDetails)
    }
  }

  @Test func aDuplicateEmailIsA422OnEmailAndIsNotResent() async throws {
    let h = try RemoteHarness()
    _ = try await h.client.create(Self.body())
    await #expect(throws: RemoteAPIError.emailTaken) {
      _ = try await h.client.create(Self.body(email: "X+Tag@Example.com"))
    }
    #expect(h.posts.count == 2)
    #expect(h.posts.map(\.status) == [201, 422])
  }

  @Test func aWrongTokenIsNotRetriedAndNotShown() async throws {
    let h = try RemoteHarness(token: "secret-wrong-token")
    await #expect(throws: RemoteAPIError.unauthorized) {
      _ = try await h.client.findEmployments(email: "a@example.com")
    }
    #expect(h.remote.requestLog.count == 1)
    #expect(!RemoteAPIError.unauthorized.description.contains("secret-wrong-token"))
  }

  @Test func a429WaitsForTheResetInMilliseconds() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.rateLimited(milliseconds: 2500), method: "GET", count: 1))
    _ = try await h.client.findEmployments(email: "a@example.com")
    #expect(h.remote.requestLog.count == 2)
    let waited = h.clock.sleeps.reduce(0, +)
    #expect(abs(waited - 2.5) < 0.01, "X-RateLimit-Reset 2500 is 2.5 s, not a Unix time")
    #expect(h.client.stats.rateLimited == 1)
  }

  @Test func a429IsBoundedByTheLongestWait() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.rateLimited(milliseconds: 3_600_000), method: "GET", count: 1))
    _ = try await h.client.findEmployments(email: "a@example.com")
    #expect(h.clock.sleeps.reduce(0, +) <= 60.01)
  }

  @Test func aPOSTAnswered429IsSentAgainButA5xxIsNot() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.rateLimited(milliseconds: 10), method: "POST", count: 1))
    _ = try await h.client.create(Self.body())
    #expect(h.posts.count == 2, "a 429 was not taken: sending it again is safe")
    h.remote.inject(RemoteFault(.status(503), method: "POST", count: 1))
    do {
      _ = try await h.client.create(Self.body(email: "other@example.com"))
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error.createOutcomeUnknown)
    }
    #expect(h.posts.count == 3, "a 5xx on a POST is never resent")
  }

  @Test func garbledAnswersToReadsAreRetried() async throws {
    let h = try RemoteHarness()
    let created = try await h.client.create(Self.body())
    h.simulator.clearLog()
    h.remote.inject(RemoteFault(.html, method: "GET", count: 1))
    h.remote.inject(RemoteFault(.malformedJSON, method: "GET", count: 1))
    h.remote.inject(RemoteFault(.truncatedJSON, method: "GET", count: 1))
    #expect(try await h.client.employment(id: created.id)?.id == created.id)
    #expect(h.remote.requestLog.count == 4)
  }

  /// The HTTP stack must not resend a POST whose connection dropped after the server stored it
  /// (libcurl does on a reused connection, with headers and no body): one POST reaches Remote,
  /// the client learns at once that the answer was lost, and no wait approaches the timeout.
  @Test func aPOSTDroppedAfterTheStoreIsSentOnceAndFailsFast() async throws {
    let h = try RemoteHarness()
    // Warm a pooled keep-alive connection first, as a sync does with its look-ups.
    _ = try await h.client.findEmployments(email: "x+tag@example.com")
    _ = try await h.client.form(country: "GBR", .basicInformation)
    h.remote.inject(RemoteFault(.processThenClose, method: "POST", count: 1))
    let start = Date()
    do {
      _ = try await h.client.create(Self.body())
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error.createOutcomeUnknown)
    }
    let elapsed = Date().timeIntervalSince(start)
    // The old stack hung until the timeout (10 s here); the bound leaves room for a loaded machine.
    #expect(elapsed < 9, "took \(elapsed) s; the request timeout is 10 s")
    try await Task.sleep(nanoseconds: 300_000_000)
    #expect(h.posts.count == 1, "the POST reached Remote \(h.posts.count) times")
    #expect(h.posts.allSatisfy { $0.bodyLength > 0 })
    #expect(h.remote.employments.count == 1)
    let found = try await h.client.findEmployments(email: "x+tag@example.com")
    #expect(found.count == 1, "the look-up finds the stored employment")
  }
}
