import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Testing

@Suite struct RemoteClientTests {
  let payload = EmploymentPayload(
    basicInformation: .init(
      email: "x+tag@example.com", name: "X Y", jobTitle: nil, provisionalStartDate: "2027-01-01"),
    companyId: nil, countryCode: "GBR", externalId: "42", type: .contractor)

  @Test func createFindGetAndPatch() async throws {
    let h = try RemoteHarness()
    let created = try await h.client.create(payload)
    #expect(created.type == "contractor")
    #expect(created.basicInformation?.email == "x+tag@example.com")
    let found = try await h.client.employments(email: "X+TAG@example.com")
    #expect(found.map(\.id) == [created.id], "a + in the email is encoded, case is ignored")
    #expect(try await h.client.employments(email: "nobody@example.com").isEmpty)
    #expect(try await h.client.employment(id: created.id)?.externalId == "42")
    #expect(try await h.client.employment(id: "no-such-id") == nil)
    var patch = EmploymentPatch()
    patch.countryCode = "IRL"
    let patched = try await h.client.update(id: created.id, patch)
    #expect(patched.countryCode == "IRL")
    #expect(h.writes.last?.bodyKeys == ["country_code"])
    #expect(h.client.stats.requests == 6)
  }

  @Test func aWrongTokenIsNotRetriedAndNotShown() async throws {
    let h = try RemoteHarness(token: "secret-wrong-token")
    do {
      _ = try await h.client.employments(email: "a@example.com")
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error == .unauthorized)
      #expect(!error.description.contains("secret-wrong-token"))
    }
    #expect(h.remote.requestLog.count == 1)
  }

  @Test func garbledAnswersToReadsAreRetried() async throws {
    let h = try RemoteHarness()
    let created = try await h.client.create(payload)
    h.simulator.clearLog()
    h.remote.inject(RemoteFault(.html, method: "GET", count: 1))
    h.remote.inject(RemoteFault(.malformedJSON, method: "GET", count: 1))
    h.remote.inject(RemoteFault(.truncatedJSON, method: "GET", count: 1))
    #expect(try await h.client.employment(id: created.id)?.id == created.id)
    #expect(h.remote.requestLog.count == 4)
  }

  @Test func aGarbledAnswerToACreateIsNotResent() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.html, method: "POST", count: 1))
    do {
      _ = try await h.client.create(payload)
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error.createOutcomeUnknown)
      guard case .badResponse = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
    #expect(h.remote.requestLog.count == 1)
  }

  @Test func readsGiveUpAfterTheAttemptsWithTheStatus() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.status(503), method: "GET", count: 10))
    do {
      _ = try await h.client.employments(email: "a@example.com")
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error == .server(status: 503, attempts: 4))
    }
    #expect(h.remote.requestLog.count == 4)
    #expect(h.clock.sleeps == [0.5, 1, 2])
  }

  @Test func rateLimitedCallsHonourRetryAfter() async throws {
    let h = try RemoteHarness()
    h.remote.inject(RemoteFault(.status(429), count: 2))
    _ = try await h.client.employments(email: "a@example.com")
    #expect(h.clock.sleeps == [1, 1])
    #expect(h.client.stats.rateLimited == 2)
  }

  @Test func validationErrorsNameTheFieldsOnly() async throws {
    let h = try RemoteHarness()
    var bad = payload
    bad.countryCode = "XXX"
    bad.basicInformation.name = " "
    do {
      _ = try await h.client.create(bad)
      Issue.record("no error")
    } catch let error as RemoteAPIError {
      #expect(error == .validation(fields: ["basic_information.name", "country_code"]))
      #expect(!error.description.contains("example.com"))
    }
  }

  @Test(arguments: [
    ("https://gateway.remote.com", "https://gateway.remote.com"),
    ("https://gateway.remote.com/", "https://gateway.remote.com"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://localhost:9", "http://localhost:9"),
    ("http://[::1]:80", "http://[::1]:80"),
  ])
  func acceptedBaseURLs(_ input: String, _ expected: String) throws {
    #expect(try RemoteHost.validatedBaseURL(input).absoluteString == expected)
  }

  @Test(arguments: [
    "http://gateway.remote.com", "https://gateway.remote.com/v1", "ftp://x", "gateway.remote.com",
    "https://user:pw@gateway.remote.com", "https://gateway.remote.com?x=1", "", "http://10.0.0.1",
  ])
  func refusedBaseURLs(_ input: String) {
    #expect(throws: RemoteConfigurationError.self) { try RemoteHost.validatedBaseURL(input) }
  }

  @Test func environments() {
    #expect(
      RemoteHost.Environment.production.baseURL.absoluteString == "https://gateway.remote.com")
    #expect(
      RemoteHost.Environment.sandbox.baseURL.absoluteString == "https://gateway.remote-sandbox.com")
  }
}
