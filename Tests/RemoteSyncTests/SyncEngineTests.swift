import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Synchronization
import Testing

@Suite struct SyncEngineTests {
  /// Employees in four countries; 5 is German without a mobile number (not ready).
  static func people() -> [HibobEmployeeRecord] {
    [
      employee(1),
      employee(2, country: "Portugal"),
      employee(3, country: "DEU", extra: ["home.mobilePhone": .string("+49 30 0000 0003")]),
      employee(4, country: "France"),
      employee(5, country: "Germany"),
    ]
  }

  @Test func firstSyncCreatesTheReadyOnesWithValidBodiesAndTheSecondWritesNothing() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(Self.people())
    let first = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(first.counts.created == 4)
    #expect(first.counts.skipped == 1)
    let skipped = try #require(first.outcomes.first { $0.action == .skip })
    #expect(skipped.hibobId == employeeId(5))
    #expect(skipped.problems.map(\.property) == ["mobile_number"])
    #expect(skipped.reason?.contains("Mobile number") == true)
    #expect(h.remote.employments.count == 4)
    #expect(h.formReads.count == 8, "two forms for each of the 4 countries, once each")
    let table = first.text().split(separator: "\n")
    #expect(table.first?.hasPrefix("HIBOB ID") == true)
    #expect(!table.contains { $0.hasSuffix(" ") }, "a row without details has no trailing blanks")
    // Every stored body is valid against its country's form (checked with the client's validator).
    for e in h.remote.employments {
      let form = try await h.client.form(country: e.countryCode, .basicInformation)
      let basic = try #require(e.sections["basic_information"])
      let asHibob = try JSONParser.parse(basic.serialized())
      #expect(JSONSchemaValidator(schema: form.schema).validate(asHibob).isEmpty)
      #expect(e.externalId?.hasPrefix("398034") == true)
    }
    h.simulator.clearLog()
    let second = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(second.counts.unchanged == 4)
    #expect(h.writes.isEmpty)
    #expect(second.exitCode == 1, "one employee is still skipped")
  }

  @Test func changesFollowTheStatusRules() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([
      employee(1), employee(2), employee(3), employee(4, label: "As contractor"),
    ])
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    #expect(h.remote.employments.count == 4)
    let ids = Dictionary(
      uniqueKeysWithValues: h.remote.employments.map { ($0.externalId ?? "", $0.id) })
    h.simulator.setStatus(id: ids[employeeId(2)]!, to: "invited")
    h.simulator.setStatus(id: ids[employeeId(3)]!, to: "active")
    for n in 1...4 {
      source.update(employeeId(n)) {
        $0.values["work.title"] = .string("Staff Engineer")
        $0.values["address.city"] = .string("Newtown")
      }
    }
    h.simulator.clearLog()
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    let byId = Dictionary(uniqueKeysWithValues: s.outcomes.map { ($0.hibobId, $0) })
    // created: the changed sections, whole.
    #expect(byId[employeeId(1)]?.action == .update)
    #expect(byId[employeeId(1)]?.changedKeys == ["address_details", "basic_information"])
    // invited: only the work email; the rest is to do in Remote.
    #expect(byId[employeeId(2)]?.action == .todo)
    #expect(byId[employeeId(2)]?.changedKeys == [])
    // active: the address goes; the job title needs an amendment.
    #expect(byId[employeeId(3)]?.action == .todo)
    #expect(byId[employeeId(3)]?.changedKeys == ["address_details"])
    #expect(byId[employeeId(3)]?.reason?.contains("contract amendment") == true)
    // a contractor: nothing through the API.
    #expect(byId[employeeId(4)]?.action == .todo)
    #expect(byId[employeeId(4)]?.reason?.contains("contractor") == true)
    #expect(h.writes.count == 2)
    #expect(h.writes.allSatisfy { $0.status == 200 }, "Remote accepted every PATCH sent")
    #expect(s.exitCode == 1)
    // Nothing changed since: no write, the to-dos are still reported.
    h.simulator.clearLog()
    let again = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(h.writes.isEmpty)
    #expect(again.counts.todoInRemote == 3)
    #expect(again.counts.updated == 0)
  }

  @Test func anInvitedEmployeesWorkEmailIsSent() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let mapping = try testMapping(#"{"basic_information": {"email": "home.privateEmail"}}"#)
    let source = FixedSource([
      employee(1, extra: ["home.privateEmail": .string("p1.private@example.com")])
    ])
    _ = try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run()
    let id = try #require(h.remote.employments.first?.id)
    #expect(h.remote.employments.first?.loginEmail == "p1.private@example.com")
    h.simulator.setStatus(id: id, to: "invited")
    source.update(employeeId(1)) { $0.values["root.email"] = .string("p1.new@example.com") }
    h.simulator.clearLog()
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run().summary)
    #expect(s.counts.updated == 1)
    #expect(h.writes.map(\.bodyKeys) == [["work_email"]])
    #expect(h.remote.employments.first?.workEmail == "p1.new@example.com")
  }

  @Test func aLostStateIsRepairedByAdoptingNeverByDuplicating() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(1), employee(2)])
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    try FileManager.default.removeItem(at: dir.stateFile)
    h.simulator.clearLog()
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.counts.adopted == 2)
    #expect(h.posts.isEmpty)
    #expect(h.remote.employments.count == 2)
    let state = try SyncStateStore.load(dir.stateFile)
    #expect(Set(state.employees.values.map(\.remoteId)) == Set(h.remote.employments.map(\.id)))
  }

  @Test func anEmploymentListedUnderItsWorkEmailOrExternalIdIsAdopted() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    h.simulator.seed([
      RemoteEmploymentRecord(
        type: "employee", countryCode: "GBR", externalId: employeeId(1),
        email: "PERSON1@example.com", name: "First1 Last1", jobTitle: "Engineer",
        provisionalStartDate: "2027-01-10")
    ])
    let s = try #require(
      try await h.engine(source: FixedSource([employee(1)]), stateFile: dir.stateFile).run()
        .summary)
    #expect(s.outcomes.first?.action == .adopt)
    #expect(h.posts.isEmpty)
  }

  @Test func aDuplicateEmailAnswerLeadsToAnAdoptNotASecondPOST() async throws {
    let dir = TempDir()
    // Remote as a double: the first look-up misses, the POST is a 422 "has already been
    // taken", the second look-up lists it.
    let remote = DuplicateRemote()
    let engine = SyncEngine(
      gate: CountingGate(), source: FixedSource([employee(1)]), remote: remote,
      stateFile: dir.stateFile, options: SyncOptions(today: testToday, mapping: try testMapping()))
    let s = try #require(try await engine.run().summary)
    #expect(Array(remote.calls.prefix(6)) == ["form", "form", "find", "create", "find", "show"])
    #expect(remote.calls.filter { $0 == "create" }.count == 1, "never a second POST")
    #expect(s.outcomes.first?.action == .adopt)
    #expect(s.outcomes.first?.remoteId == "emp-1")
  }

  @Test func aPOSTWhoseAnswerIsLostIsLookedUpNeverResent() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    h.remote.inject(RemoteFault(.processThenClose, method: "POST", count: 1))
    let s = try #require(
      try await h.engine(source: FixedSource([employee(1), employee(2)]), stateFile: dir.stateFile)
        .run().summary)
    #expect(h.posts.count == 2)
    #expect(h.remote.employments.count == 2)
    #expect(s.counts.created + s.counts.adopted == 2)
    let state = try SyncStateStore.load(dir.stateFile)
    #expect(state.employees.count == 2)
  }

  @Test func aPOSTLostBeforeTheStoreFailsOnlyThatEmployeeAndTheNextRunCreatesIt() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(1)])
    h.remote.inject(RemoteFault(.closeConnection, method: "POST", count: 1))
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.counts.failed == 1)
    #expect(h.posts.count == 1)
    #expect(h.remote.employments.isEmpty)
    let again = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(again.counts.created == 1)
    #expect(h.remote.employments.count == 1)
  }

  @Test func aDryRunReadsOnlyAndNamesMissingProperties() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(Self.people())
    let plain = try testMapping("{}")
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, dryRun: true, mapping: plain)
        .run().summary)
    #expect(h.remote.requestLog.allSatisfy { $0.method == "GET" })
    #expect(!FileManager.default.fileExists(atPath: dir.stateFile.path))
    #expect(s.dryRun)
    #expect(s.counts.created == 1, "only the British employee is ready without the mapping")
    let portugal = try #require(s.outcomes.first { $0.hibobId == employeeId(2) })
    #expect(portugal.action == .skip)
    #expect(
      Set(portugal.problems.map(\.property))
        == ["has_seniority_date", "tax_servicing_countries", "tax_job_category"])
    #expect(
      portugal.problems.first { $0.property == "tax_job_category" }?.title == "Tax job category")
    let json = String(decoding: try SyncRunResult.completed(s).jsonData(), as: UTF8.self)
    #expect(!json.contains("@example.com"))
    #expect(!json.contains("First2"))
    #expect(json.contains("\"form_problems\""))
    #expect(s.exitCode == 1)
  }

  @Test func aDryRunOfAKnownChangedEmployeeShowsTheUpdate() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(1)])
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    source.update(employeeId(1)) { $0.values["address.city"] = .string("Elsewhere") }
    h.simulator.clearLog()
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, dryRun: true).run().summary)
    #expect(s.outcomes.first?.action == .update)
    #expect(s.outcomes.first?.changedKeys == ["address_details"])
    #expect(h.writes.isEmpty)
  }

  @Test func globalPayrollNeedsALegalEntity() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(1, label: "As global payroll employee")])
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.outcomes.first?.action == .skip)
    #expect(s.outcomes.first?.reason?.contains("legal entity") == true)
    var mapping = try testMapping()
    mapping.legalEntityId = "le-0001"
    let again = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run().summary)
    #expect(again.counts.created == 1)
    #expect(h.remote.employments.first?.legalEntityId == "le-0001")
  }

  @Test func globalPayrollEmployeesAreValidatedAgainstGlobalPayrollsOwnForm() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    var mapping = try testMapping()
    mapping.legalEntityId = "le-0001"
    // Portugal serves a global payroll form without the EOR tax properties; Spain does not
    // (404), so its global payroll employee stays on the EOR form.
    let source = FixedSource([
      employee(1, label: "As global payroll employee", country: "Portugal"),
      employee(2, country: "Portugal"),
      employee(3, label: "As global payroll employee", country: "Spain"),
    ])
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run().summary)
    #expect(s.counts.created == 3)
    let gpReads = h.formReads.map(\.path).filter {
      $0.hasSuffix("/global_payroll_basic_information")
    }
    #expect(
      gpReads.sorted() == [
        "/v1/countries/ESP/global_payroll_basic_information",
        "/v1/countries/PRT/global_payroll_basic_information",
      ], "read once, only where there are global payroll employees")
    let byHibobId = Dictionary(
      uniqueKeysWithValues: h.remote.employments.map { ($0.externalId ?? "", $0) })
    let gp = try #require(byHibobId[employeeId(1)]?.sections["basic_information"])
    #expect(gp["tax_job_category"] == nil, "the mapping's Portuguese EOR constants are left out")
    #expect(gp["job_title"] != nil)
    let eor = try #require(byHibobId[employeeId(2)]?.sections["basic_information"])
    #expect(eor["tax_job_category"] != nil)
    #expect(byHibobId[employeeId(3)]?.legalEntityId == "le-0001")
  }

  @Test(arguments: [403, 400, 500])
  func aGlobalPayrollFormRemoteRefusesFallsBackToTheEORFormButAnOutageSkips(status: Int)
    async throws
  {
    let h = try RemoteHarness()
    let dir = TempDir()
    var mapping = try testMapping()
    mapping.legalEntityId = "le-0001"
    h.remote.inject(
      RemoteFault(
        .status(status), pathPrefix: "/v1/countries/GBR/global_payroll_basic_information",
        count: 4))
    let source = FixedSource([employee(1, label: "As global payroll employee"), employee(2)])
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run().summary)
    #expect(s.outcomes.first { $0.hibobId == employeeId(2) }?.action == .create)
    let gp = try #require(s.outcomes.first { $0.hibobId == employeeId(1) })
    if status < 500 {
      #expect(gp.action == .create, "a 4xx means not served: the EOR form is used")
    } else {
      #expect(gp.action == .skip, "an outage is not a refusal: no guess at the form")
      #expect(gp.reason?.contains("global_payroll_basic_information") == true)
    }
  }

  /// `remote-api.md`: the create body is `type`, `country_code`, `basic_information`,
  /// `external_id` (and the legal entity); the address follows in a PATCH while `created`.
  @Test func aCreateCarriesTheCreateBodyOnlyAndTheAddressFollowsInAPatch() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(1), employee(2, label: "As contractor")])
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.counts.created == 2)
    #expect(s.exitCode == 0)
    let allowed: Set<String> = [
      "type", "country_code", "basic_information", "external_id", "engaged_by_legal_entity_id",
    ]
    #expect(h.posts.count == 2)
    let topLevel = h.posts.map { post in
      Set(post.bodyKeys.map { String($0.split(separator: ".").first ?? "") })
    }
    #expect(topLevel.allSatisfy { $0.isSubset(of: allowed) }, "\(topLevel)")
    #expect(topLevel.allSatisfy { $0.contains("basic_information") })
    let patches = h.writes.filter { $0.method == "PATCH" }
    #expect(patches.map(\.bodyKeys) == [["address_details"]], "the employee's address, once")
    let byHibobId = Dictionary(
      uniqueKeysWithValues: h.remote.employments.map { ($0.externalId ?? "", $0) })
    #expect(byHibobId[employeeId(1)]?.sections["address_details"] != nil)
    #expect(byHibobId[employeeId(2)]?.sections["address_details"] == nil, "a contractor: no PATCH")
    let employee = try #require(s.outcomes.first { $0.hibobId == employeeId(1) })
    #expect(employee.action == .create)
    #expect(employee.changedKeys == ["address_details"])
    h.simulator.clearLog()
    let second = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(second.counts.unchanged == 2)
    #expect(h.writes.isEmpty)
  }

  @Test func anAddressPatchThatFailsAfterTheCreateIsSentByTheNextRunWithoutASecondPost()
    async throws
  {
    let h = try RemoteHarness()
    let dir = TempDir()
    h.remote.inject(RemoteFault(.status(422), method: "PATCH", count: 1))
    let source = FixedSource([employee(1)])
    let first = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    let outcome = try #require(first.outcomes.first)
    #expect(outcome.action == .fail)
    #expect(outcome.remoteId == h.remote.employments.first?.id)
    #expect(outcome.reason?.contains("created in Remote, but address_details") == true)
    #expect(first.exitCode == 1)
    h.simulator.clearLog()
    let second = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(second.outcomes.first?.action == .update)
    #expect(h.posts.isEmpty, "the state knows the employment: no second POST")
    #expect(h.writes.map(\.bodyKeys) == [["address_details"]])
    #expect(h.remote.employments.count == 1)
    #expect(h.remote.employments.first?.sections["address_details"] != nil)
  }

  @Test func aCountryWithoutAnAddressFormIsSyncedWithoutTheAddressAndSaysSo() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    h.remote.inject(
      RemoteFault(.status(404), pathPrefix: "/v1/countries/PRT/address_details", count: 10))
    let source = FixedSource([employee(1), employee(2, country: "Portugal")])
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.counts.created == 2, "a missing address form does not skip the country")
    let byHibobId = Dictionary(
      uniqueKeysWithValues: h.remote.employments.map { ($0.externalId ?? "", $0) })
    #expect(byHibobId[employeeId(2)]?.sections["address_details"] == nil)
    #expect(byHibobId[employeeId(2)]?.sections["basic_information"] != nil)
    #expect(byHibobId[employeeId(1)]?.sections["address_details"] != nil)
    #expect(
      s.notes == [
        "Remote serves no address_details form for PRT (404): "
          + "those sections are not sent for its employees"
      ])
    #expect(s.text().contains("note: Remote serves no address_details form for PRT"))
    let json = String(decoding: try SyncRunResult.completed(s).jsonData(), as: UTF8.self)
    #expect(json.contains("\"notes\" : ["))
  }

  @Test func aCountryWithoutABasicInformationFormIsSkipped() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    h.remote.inject(
      RemoteFault(
        .status(404), pathPrefix: "/v1/countries/PRT/employment_basic_information", count: 10))
    let source = FixedSource([employee(1), employee(2, country: "Portugal")])
    let s = try #require(try await h.engine(source: source, stateFile: dir.stateFile).run().summary)
    #expect(s.counts.created == 1)
    let skipped = try #require(s.outcomes.first { $0.hibobId == employeeId(2) })
    #expect(skipped.action == .skip)
    #expect(skipped.reason?.contains("cannot employ there") == true)
  }

  @Test func aRefusedRemoteTokenIsAConfigurationErrorBeforeAnyEmployee() async throws {
    let h = try RemoteHarness(token: "not-the-token")
    let dir = TempDir()
    let engine = h.engine(source: FixedSource([employee(1)]), stateFile: dir.stateFile)
    let error = await #expect(throws: SyncError.self) { try await engine.run() }
    #expect(error == .remoteToken(RemoteAPIError.unauthorized.description))
    #expect(error?.exitCode == 2)
    #expect(error?.description.contains("not-the-token") == false)
    #expect(h.writes.isEmpty)
  }

  @Test func anActiveGlobalPayrollEmployeesNewJobTitleIsToDoInRemoteWithoutAnAmendment()
    async throws
  {
    let h = try RemoteHarness()
    let dir = TempDir()
    var mapping = try testMapping()
    mapping.legalEntityId = "le-0001"
    let source = FixedSource([employee(1, label: "As global payroll employee")])
    _ = try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run()
    let id = try #require(h.remote.employments.first?.id)
    h.simulator.setStatus(id: id, to: "active")
    source.update(employeeId(1)) {
      $0.values["work.title"] = .string("Head of Payroll")
      $0.values["address.city"] = .string("Newtown")
    }
    h.simulator.clearLog()
    let s = try #require(
      try await h.engine(source: source, stateFile: dir.stateFile, mapping: mapping).run().summary)
    let outcome = try #require(s.outcomes.first)
    #expect(outcome.action == .todo)
    #expect(outcome.changedKeys == ["address_details"], "the address goes")
    #expect(outcome.reason?.contains("global payroll") == true)
    #expect(outcome.reason?.contains("amendment") == false)
    #expect(h.writes.map(\.method) == ["PATCH"])
  }

  @Test func aMappingNamingAnUnknownFormPropertyIsAConfigurationError() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let mapping = try testMapping(#"{"basic_information": {"shoe_size": "42"}}"#)
    do {
      _ = try await h.engine(
        source: FixedSource([employee(1)]), stateFile: dir.stateFile, mapping: mapping
      ).run()
      Issue.record("no error")
    } catch {
      #expect(error.exitCode == 2)
      #expect(error.description.contains("shoe_size"))
    }
    #expect(h.writes.isEmpty)
  }

  /// An employee gives its request slot back before its state record is durable: requests in
  /// flight still never exceed the concurrency, and every created employment is in the state
  /// when the run returns.
  @Test func requestsInFlightStayWithinTheConcurrencyAndEveryCreateIsRecorded() async throws {
    let dir = TempDir()
    let remote = CountingRemote()
    let people = (1...24).map { employee($0) }
    let engine = SyncEngine(
      gate: CountingGate(), source: FixedSource(people), remote: remote,
      stateFile: dir.stateFile,
      options: SyncOptions(concurrency: 3, today: testToday, mapping: try testMapping()))
    let s = try #require(try await engine.run().summary)
    #expect(s.counts.created == 24)
    #expect(remote.mostInFlight <= 3, "measured \(remote.mostInFlight) requests at once")
    #expect(remote.mostInFlight >= 2, "the employees ran concurrently")
    let state = try SyncStateStore.load(dir.stateFile)
    #expect(state.employees.count == 24)
    #expect(Set(state.employees.values.map(\.remoteId)) == Set(remote.createdIds))
  }

  @Test func aPastStartDateIsSkippedForANewHire() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let s = try #require(
      try await h.engine(
        source: FixedSource([employee(1, start: "2020-01-01")]), stateFile: dir.stateFile
      )
      .run().summary)
    #expect(s.outcomes.first?.action == .skip)
    #expect(h.posts.isEmpty)
  }
}

/// A Remote double for the duplicate-email path; anything else fails the test.
final class DuplicateRemote: RemoteEmploymentsAPI {
  private let log = Mutex<[String]>([])
  var calls: [String] { log.withLock { $0 } }

  func findEmployments(email: String) async throws -> [RemoteEmploymentItem] {
    let n = log.withLock {
      $0.append("find")
      return $0.filter { $0 == "find" }.count
    }
    return n == 1 ? [] : [RemoteEmploymentItem(id: "emp-1", loginEmail: email, status: "created")]
  }

  func employment(id: String) async throws -> RemoteEmployment? {
    log.withLock { $0.append("show") }
    return RemoteEmployment(id: id, status: "created", type: "employee", countryCode: "GBR")
  }

  func create(_ body: HibobAPI.JSONValue) async throws -> RemoteEmployment {
    log.withLock { $0.append("create") }
    throw RemoteAPIError.emailTaken
  }

  func update(id: String, _ body: HibobAPI.JSONValue) async throws -> RemoteEmployment {
    log.withLock { $0.append("update") }
    return RemoteEmployment(id: id, status: "created")
  }

  func form(country: String, _ form: FormName) async throws -> RemoteForm {
    log.withLock { $0.append("form") }
    let plain =
      #"{"type": "object", "properties": {"name": {}, "email": {}, "work_email": {}, "job_title": {}, "provisional_start_date": {}, "address": {}, "city": {}, "postal_code": {}}}"#
    return RemoteForm(schema: try JSONParser.parse(plain))
  }
}

/// A Remote double that lists nothing, creates everything and measures the most calls open at
/// once (each takes a few milliseconds).
final class CountingRemote: RemoteEmploymentsAPI {
  private struct Counts {
    var open = 0
    var most = 0
    var created: [String] = []
  }
  private let counts = Mutex(Counts())

  var mostInFlight: Int { counts.withLock { $0.most } }
  var createdIds: [String] { counts.withLock { $0.created } }

  private func call<T>(_ body: () -> T) async -> T {
    counts.withLock {
      $0.open += 1
      $0.most = max($0.most, $0.open)
    }
    try? await Task.sleep(nanoseconds: 3_000_000)
    let value = body()
    counts.withLock { $0.open -= 1 }
    return value
  }

  func findEmployments(email: String) async throws -> [RemoteEmploymentItem] {
    await call { [] }
  }

  func employment(id: String) async throws -> RemoteEmployment? {
    await call { RemoteEmployment(id: id, status: "created") }
  }

  func create(_ body: HibobAPI.JSONValue) async throws -> RemoteEmployment {
    await call {
      let id = counts.withLock { c -> String in
        c.created.append("emp-\(c.created.count + 1)")
        return c.created[c.created.count - 1]
      }
      return RemoteEmployment(id: id, status: "created", type: "employee", countryCode: "GBR")
    }
  }

  func update(id: String, _ body: HibobAPI.JSONValue) async throws -> RemoteEmployment {
    await call { RemoteEmployment(id: id, status: "created") }
  }

  func form(country: String, _ form: FormName) async throws -> RemoteForm {
    let plain =
      #"{"type": "object", "properties": {"name": {}, "email": {}, "work_email": {}, "job_title": {}, "provisional_start_date": {}, "address": {}, "city": {}, "postal_code": {}}}"#
    let schema = try JSONParser.parse(plain)
    return await call { RemoteForm(schema: schema) }
  }
}
