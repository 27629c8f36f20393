import Foundation
import HibobAPI
import Synchronization
import TestSupport
import Testing

/// The live-sample shape from the spec: slash keys for non-null values plus nested objects.
private let sample = #"""
  {"employees":[{"/root/id":{"value":"3980342332732998349"},"/work/startDate":{"value":"2026-09-06"},
    "id":"3980342332732998349","email":"person@example.com",
    "home":{"mobilePhone":null},
    "work":{"department":null,"site":"London","startDate":"2026-09-06",
            "custom":{"field_1680187492413":"209192163"},"reportsTo":{"id":"42","displayName":"X"}},
    "custom":{"category_1":{"field_2":null}},
    "firstName":"Ada"}]}
  """#

@Suite struct SearchedEmployeeTests {
  let employee: SearchedEmployee

  init() throws {
    let json = try JSONParser.parse(sample)
    let raw = try #require(json["employees"]?.arrayValue?.first?.objectValue)
    employee = SearchedEmployee(id: "3980342332732998349", raw: raw)
  }

  @Test func readsSlashKeys() {
    #expect(employee.lookup("work.startDate") == .value("2026-09-06"))
    #expect(employee.lookup("root.id") == .value("3980342332732998349"))
  }

  @Test func readsNestedObjectsByTheIdsPath() {
    #expect(employee.lookup("work.site") == .value("London"))
    #expect(employee.lookup("work.custom.field_1680187492413") == .value("209192163"))
  }

  @Test func readsRootFieldsFlatAtTopLevel() {
    #expect(employee.lookup("root.email") == .value("person@example.com"))
    #expect(employee.lookup("root.firstName") == .value("Ada"))
  }

  @Test func tellsNullFromAbsent() {
    #expect(employee.lookup("work.department") == .null)
    #expect(employee.lookup("home.mobilePhone") == .null)
    #expect(employee.lookup("custom.category_1.field_2") == .null)
    #expect(employee.lookup("work.title") == .absent)
    #expect(employee.lookup("home.privateEmail") == .absent)
    #expect(employee.lookup("identification.ssn") == .absent)
    #expect(employee.lookup("work.site.deeper") == .absent)
    #expect(employee.lookup("") == .absent)
    #expect(employee.lookup("work..site") == .absent)
    #expect(employee.lookup("work.department").isPresent)
    #expect(!employee.lookup("work.title").isPresent)
  }

  @Test func precomputedPathsReadTheSame() {
    let ids = [
      "work.startDate", "root.id", "work.site", "work.custom.field_1680187492413", "root.email",
      "work.department", "home.mobilePhone", "custom.category_1.field_2", "work.title", "",
      "work..site", "root",
    ]
    for id in ids {
      #expect(employee.lookup(FieldPath(id)) == employee.lookup(id))
    }
    #expect(employee.lookup(FieldPath("root.email")) == .value("person@example.com"))
    #expect(FieldPath("a.b").fieldId == "a.b")
  }

  @Test func referencesAreStringsOrObjects() throws {
    let ref = try #require(employee.lookup("work.reportsTo").value)
    #expect(referencedEmployeeId(ref) == "42")
    #expect(referencedEmployeeId("77") == "77")
    #expect(referencedEmployeeId(.number("78")) == "78")
    #expect(referencedEmployeeId(["id": .number("79")]) == "79")
    #expect(referencedEmployeeId(.null) == nil)
    #expect(referencedEmployeeId("") == nil)
    #expect(referencedEmployeeId(["displayName": "X"]) == nil)
  }
}

@Suite struct SearchPeopleTests {
  @Test func sendsTheBodyWithoutFiltersAndParsesEmployees() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(sample)
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport).searchPeople(
      fields: ["root.id", "work.site", "work.site"], showInactive: true, humanReadable: .replace)
    #expect(answer.value.employees.map(\.id) == ["3980342332732998349"])
    #expect(answer.value.requestedFields == ["root.id", "work.site"])
    #expect(answer.records.map(\.path) == ["/v1/people/search"])
    let request = try #require(transport.requests.first)
    #expect(request.headers["Content-Type"] == "application/json")
    #expect(
      body(request)
        == ["fields": ["root.id", "work.site"], "showInactive": true, "humanReadable": "REPLACE"])
  }

  @Test func neverSendsAnEmptyFiltersKey() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(#"{"employees":[]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    _ = try await client.searchPeople(fields: ["root.id"], showInactive: false)
    let empty = try await client.searchPeople(
      fields: ["root.id"], showInactive: false, filter: .idEquals([]))
    #expect(empty.value.employees.isEmpty)
    #expect(empty.records.isEmpty)
    _ = try await client.searchPeople(
      fields: ["root.id"], showInactive: false, filter: .emailEquals(["a@example.com"]))
    #expect(transport.requests.count == 2)
    #expect(body(transport.requests[0])?["filters"] == nil)
    #expect(body(transport.requests[0])?["humanReadable"] == nil)
    #expect(
      body(transport.requests[1])?["filters"]
        == [["fieldPath": "root.email", "operator": "equals", "values": ["a@example.com"]]])
  }

  @Test func splitsMoreThan400FieldsAndMergesByEmployee() async throws {
    let fields = ["root.id"] + (1...450).map { "work.custom.field_\($0)" }
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"):
        let asked = body(request)?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(asked.count <= 400)
        #expect(asked.contains("root.id"))
        func person(_ id: String) -> JSONValue {
          var custom: [String: JSONValue] = [:]
          for field in asked where field.hasPrefix("work.custom.") {
            custom[String(field.dropFirst("work.custom.".count))] = .string("\(id)-\(field)")
          }
          return ["id": .string(id), "work": ["custom": .object(custom)]]
        }
        // The second answer lists the employees in another order and one more employee.
        let people =
          attempt == 0 ? [person("1"), person("2")] : [person("3"), person("2"), person("1")]
        return jsonValueResponse(["employees": .array(people)])
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport).searchPeople(fields: fields, showInactive: true)
    #expect(transport.requests.count == 2)
    #expect(answer.records.count == 2)
    let sent = transport.requests.map { body($0)?["fields"]?.arrayValue?.count ?? 0 }
    #expect(sent == [400, 52])
    #expect(answer.value.employees.map(\.id) == ["1", "2", "3"])
    let two = answer.value.employees[1]
    #expect(two.lookup("work.custom.field_1") == .value("2-work.custom.field_1"))
    #expect(two.lookup("work.custom.field_450") == .value("2-work.custom.field_450"))
    #expect(answer.value.employees[2].lookup("work.custom.field_1") == .absent)
  }

  @Test func searchWaitsForTheClientSideLimit() async throws {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(#"{"employees":[]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(
      transport, clock: clock, searchRateLimit: RateLimit(limit: 3, window: 60))
    for _ in 0..<3 { _ = try await client.searchPeople(fields: ["root.id"], showInactive: true) }
    #expect(clock.sleeps.isEmpty)
    clock.advance(by: 10)
    _ = try await client.searchPeople(fields: ["root.id"], showInactive: true)
    #expect(clock.sleeps == [50])
    #expect(transport.requests.count == 4)
    #expect(client.stats.waitedSeconds == 50)
  }

  @Test func concurrentSearchesNeverExceedTheWindow() async throws {
    let clock = ManualClock()
    let sentAt = Mutex<[Double]>([])
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"):
        sentAt.withLock { $0.append(clock.now.timeIntervalSince1970) }
        return jsonResponse(#"{"employees":[]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(
      transport, clock: clock, searchRateLimit: RateLimit(limit: 2, window: 60))
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<7 {
        group.addTask { _ = try await client.searchPeople(fields: ["root.id"], showInactive: true) }
      }
      try await group.waitForAll()
    }
    let times = sentAt.withLock { $0 }.sorted()
    #expect(times.count == 7)
    for (i, t) in times.enumerated() where i + 2 < times.count {
      #expect(times[i + 2] - t >= 60)
    }
  }

  @Test func theLimiterFailsWithDeadlineRatherThanWaitPastIt() async throws {
    let clock = ManualClock()
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/search"): return jsonResponse(#"{"employees":[]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(
      transport, clock: clock, deadline: clock.now.addingTimeInterval(30),
      searchRateLimit: RateLimit(limit: 1, window: 60))
    _ = try await client.searchPeople(fields: ["root.id"], showInactive: true)
    let error = await expectAPIError {
      try await client.searchPeople(fields: ["root.id"], showInactive: true)
    }
    #expect(error?.kind == .deadline)
    #expect(transport.requests.count == 1)
  }

  @Test func employeeByEmailKeepsTheEmailOutOfTheRecord() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("POST", "/v1/people/a@example.com"):
        return jsonResponse(#"{"id":"5","work":{"site":"Paris"}}"#)
      case ("POST", "/v1/people/6"): return jsonResponse(404, #"{"key":"not_found"}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let answer = try await client.employee(idOrEmail: "a@example.com", fields: ["work.site"])
    #expect(answer.value.id == "5")
    #expect(answer.value.lookup("work.site") == .value("Paris"))
    #expect(answer.records.map(\.path) == ["/v1/people/{email}"])
    #expect(body(transport.requests[0]) == ["fields": ["work.site"]])
    let error = await expectAPIError { try await client.employee(idOrEmail: "6", fields: []) }
    #expect(error?.kind == .notFound)
    #expect(error?.records.map(\.path) == ["/v1/people/6"])
  }
}
