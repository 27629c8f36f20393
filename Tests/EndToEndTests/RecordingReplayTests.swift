import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Testing

@Suite("Recording and replay", .serialized)
struct RecordingReplayTests {
  static let tenants = Fixtures.allNames

  @Test(
    "every fixture tenant records, replays to the same results, and leaks nothing",
    arguments: RecordingReplayTests.tenants)
  func recordAndReplay(name: String) async throws {
    let (tenant, outcome, recording) = try await RecordingFixtures.record(name)
    #expect(!recording.exchanges.isEmpty)

    // The file round-trips.
    let data = recording.encoded()
    let read = try Recording.decode(data, path: "\(name).recording.json")
    #expect(read == recording)

    // Replayed offline: the same status for every rule, the same verdict.
    let replayed = try await Replay.run(read, toolVersion: "0.1.0-test")
    #expect(
      RecordingFixtures.statuses(replayed.report) == RecordingFixtures.statuses(outcome.report))
    #expect(replayed.report.verdict == outcome.report.verdict)
    #expect(replayed.report.target == outcome.report.target)

    // Nothing personal, no token: not in the recording, not in any file of a bundle. (The
    // tenant file itself shows the search can find them.)
    let raw = try Data(
      contentsOf: Fixtures.tenants.appendingPathComponent("\(name).json"))
    #expect(!RecordingFixtures.leaks(of: tenant, in: raw).isEmpty)
    #expect(RecordingFixtures.leaks(of: tenant, in: data) == [], "\(name): recording")
    let bundle = SupportBundle(
      report: replayed.report, recording: read, source: "replay", toolVersion: "0.1.0-test",
      createdAt: "2026-11-24T16:00:00Z")
    for file in try bundle.files() {
      #expect(RecordingFixtures.leaks(of: tenant, in: file.data) == [], "\(name): \(file.name)")
    }
    let scanner = LeakScanner(token: tenant.serviceUser.token, serviceUserId: tenant.serviceUser.id)
    #expect(throws: Never.self) {
      try scanner.check(try bundle.files().map { (name: $0.name, data: $0.data) })
    }
  }

  @Test("a read-only recording replays read-only")
  func readOnly() async throws {
    let (_, outcome, recording) = try await RecordingFixtures.record("compliant", readOnly: true)
    #expect(recording.target.readOnly)
    #expect(!recording.exchanges.contains { $0.method == "PUT" || $0.method == "DELETE" })
    let replayed = try await Replay.run(recording, toolVersion: "0.1.0-test")
    #expect(
      RecordingFixtures.statuses(replayed.report) == RecordingFixtures.statuses(outcome.report))
    #expect(replayed.report.results.contains { $0.status == .manual })
  }

  @Test("the same person gets the same placeholder in every answer and key style")
  func consistentPlaceholders() async throws {
    let (_, _, recording) = try await RecordingFixtures.record("compliant")
    let search = try #require(
      recording.exchanges.first {
        $0.target.hasSuffix("/people/search")
          && String(decoding: $0.requestBody?.data ?? Data(), as: UTF8.self)
            .contains("\"showInactive\":true")
      })
    guard case .json(let body)? = search.response?.body else {
      Issue.record("the search answer was not recorded as JSON")
      return
    }
    let employees = try #require(body["employees"]?.arrayValue)
    #expect(employees.count == 13)
    for employee in employees {
      // Basic info is flat (no nested `root`, as a real tenant answers); the flat and
      // slash-key copies of a value agree.
      #expect(employee["root"] == nil)
      #expect(employee["email"] == employee["/root/email"]?["value"] ?? .null)
      #expect(
        employee["/root/firstName"]?["value"] ?? employee["firstName"] == employee["firstName"])
      if let email = employee["email"]?.stringValue {
        #expect(email.hasSuffix("@example.invalid"))
      }
      // Ids and start dates stay; absent stays absent and null stays null.
      #expect(employee["id"]?.stringValue?.hasPrefix("398034233273299") == true)
    }
    let hired = try #require(employees.first { $0["id"] == "3980342332732990007" })
    #expect(hired["email"] == .null)
    #expect(hired["work"]?["startDate"]?.stringValue?.count == 10)
    // A manager reference (an object with id and names) keeps its id.
    let managers = employees.compactMap { $0["work"]?["reportsTo"]?["id"]?.stringValue }
    #expect(!managers.isEmpty)
    #expect(managers.allSatisfy { $0.hasPrefix("398034233273299") })
    // A reference as an id string (work.manager, type employee-reference) keeps it too, and the
    // manager's names and email inside the reportsTo object are replaced.
    for employee in employees {
      let object = employee["work"]?["reportsTo"]
      #expect(employee["work"]?["manager"]?.stringValue == object?["id"]?.stringValue)
      if let email = object?["email"]?.stringValue { #expect(email.hasSuffix("@example.invalid")) }
      if let name = object?["firstName"]?.stringValue { #expect(name.hasPrefix("Person ")) }
    }
  }

  @Test("a request the recording never saw becomes an error, not a made-up answer")
  func unmatchedRequest() async throws {
    let (_, _, recording) = try await RecordingFixtures.record("compliant")
    var trimmed = recording
    trimmed.exchanges.removeAll { $0.target.contains("/bulk/people/employment") }
    let replayed = try await Replay.run(trimmed, toolVersion: "0.1.0-test")
    let history = try #require(
      replayed.report.results.first { $0.id == "people.employment.history.view" })
    #expect(history.status == .error)
    #expect(
      history.reason.contains("the recording has no answer for GET /v1/bulk/people/employment"))
  }

  @Test("a recording with credential problems replays them without a request")
  func credentialProblems() async throws {
    let tenant = try Fixtures.tenant("compliant")
    var settings = RecordingFixtures.settings(
      tenant, baseURL: URL(string: "http://127.0.0.1:9/v1")!)
    settings.credentials = Credentials(serviceUserId: " SERVICE-1", token: "tok en\n")
    let (outcome, recording) = await PreflightRunner.record(settings)
    #expect(recording.exchanges.isEmpty)
    #expect(!recording.credentialProblems.isEmpty)
    let read = try Recording.decode(recording.encoded(), path: "r.json")
    let replayed = try await Replay.run(read, toolVersion: "0.1.0-test")
    #expect(
      RecordingFixtures.statuses(replayed.report) == RecordingFixtures.statuses(outcome.report))
  }
}
