import Foundation
import HibobAPI
import Testing

@Suite struct BulkHistoryTests {
  private func query(_ request: HTTPRequest) -> [String: String] {
    var result: [String: String] = [:]
    for item in URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? [] {
      result[item.name] = item.value
    }
    return result
  }

  @Test func followsTheCursorAndMergesRowsByEmployee() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/bulk/people/employment"):
        let q = query(request)
        #expect(q["employeeIds"] == "1,2")
        #expect(q["limit"] == "2")
        switch q["cursor"] {
        case nil:
          return jsonResponse(
            #"""
            {"results":[{"employeeId":"1","values":[{"id":11,"effectiveDate":"2020-01-01","isCurrent":false}]},
                        {"employeeId":"2","values":[{"id":21,"effectiveDate":"2021-01-01","isCurrent":true}]}],
             "response_metadata":{"next_cursor":"abc"}}
            """#)
        case "abc"?:
          return jsonResponse(
            #"""
            {"results":[{"employeeId":"1","values":[{"id":12,"effectiveDate":"2022-01-01","isCurrent":true,"fte":null}]}],
             "errors":[{"employeeId":"3","error":"outside scope"}],
             "restricted_columns":{"no_view_permission":["salary"],"no_view_history_permission":["fte"]},
             "response_metadata":{"next_cursor":null}}
            """#, headers: ["X-Has-Restricted-Columns": "true"])
        default:
          return unexpected(request)
        }
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport).bulkEmploymentHistory(
      employeeIds: ["1", "2"], limit: 2)
    let history = answer.value
    #expect(history.rows(for: "1").map(\.id) == ["11", "12"])
    #expect(history.rows(for: "1").map(\.isCurrent) == [false, true])
    #expect(history.rows(for: "2").map(\.effectiveDate) == ["2021-01-01"])
    #expect(history.rows(for: "1")[1].columns["fte"] == .null)
    #expect(history.employeeOrder == ["1", "2"])
    #expect(history.errors == [BulkHistoryError(employeeId: "3", error: "outside scope")])
    #expect(history.restrictedColumns.noViewPermission == ["salary"])
    #expect(history.restrictedColumns.noViewHistoryPermission == ["fte"])
    #expect(history.hasRestrictedColumnsHeader)
    #expect(answer.records.count == 2)
    #expect(answer.records.allSatisfy { $0.path == "/v1/bulk/people/employment" })
  }

  @Test func splitsMoreThan200Ids() async throws {
    let ids = (1...450).map(String.init)
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/bulk/people/employment"):
        let asked = query(request)["employeeIds"]?.split(separator: ",").map(String.init) ?? []
        #expect(asked.count <= 200)
        let results = asked.map { id -> JSONValue in
          ["employeeId": .string(id), "values": [["id": .number(id + "0")]]]
        }
        return jsonValueResponse(
          ["results": .array(results), "response_metadata": ["next_cursor": nil]])
      default: return unexpected(request)
      }
    }
    let answer = try await makeClient(transport).bulkEmploymentHistory(employeeIds: ids + ["1"])
    #expect(transport.requests.count == 3)
    #expect(answer.records.count == 3)
    #expect(answer.value.employeeOrder == ids)
    #expect(answer.value.rows(for: "450").first?.id == "4500")
    let sizes = transport.requests.map { query($0)["employeeIds"]?.split(separator: ",").count }
    #expect(sizes == [200, 200, 50])
  }

  /// Page 1 shows employee 1 with two rows; page 2 would follow. With `until` deciding on "an
  /// employee with more than one row", page 2 is never asked for; without it, it is.
  @Test(arguments: [true, false])
  func untilStopsFollowingPagesOnceDecided(decideEarly: Bool) async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/bulk/people/employment") where query(request)["cursor"] == nil:
        return jsonResponse(
          #"{"results":[{"employeeId":"1","values":[{"id":"a"},{"id":"b"}]}],"#
            + #""response_metadata":{"next_cursor":"page-2"}}"#)
      case ("GET", "/v1/bulk/people/employment"):
        return jsonResponse(
          #"{"results":[{"employeeId":"2","values":[{"id":"c"}]}],"#
            + #""response_metadata":{"next_cursor":null}}"#)
      default: return unexpected(request)
      }
    }
    let decided: @Sendable (BulkHistory) -> Bool = { history in
      history.rowsByEmployee.values.contains { rows in rows.count > 1 }
    }
    let answer = try await makeClient(transport).bulkEmploymentHistory(
      employeeIds: ["1", "2"], until: decideEarly ? decided : nil)
    #expect(transport.requests.count == (decideEarly ? 1 : 2))
    #expect(answer.value.employeeOrder == (decideEarly ? ["1"] : ["1", "2"]))
  }

  @Test func noIdsMeansNoCall() async throws {
    let transport = StubTransport { request, _ in unexpected(request) }
    let answer = try await makeClient(transport).bulkHistory(.work, employeeIds: [])
    #expect(answer.records.isEmpty)
    #expect(answer.value.employeeOrder.isEmpty)
  }

  @Test func aRepeatedCursorIsAnInvalidResponse() async {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/bulk/people/lifecycle"):
        return jsonResponse(#"{"results":[],"response_metadata":{"next_cursor":"same"}}"#)
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError {
      try await makeClient(transport).bulkHistory(.lifecycle, employeeIds: nil)
    }
    if case .invalidResponse? = error?.kind {
    } else {
      Issue.record("got \(String(describing: error))")
    }
    #expect(error?.records.count == 2)
    #expect(transport.requests.count == 2)
  }

  @Test func forbiddenOnALaterPageKeepsEveryRecord() async {
    let transport = StubTransport { request, attempt in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/bulk/people/employment"):
        return attempt == 0
          ? jsonResponse(#"{"results":[],"response_metadata":{"next_cursor":"n"}}"#)
          : jsonResponse(403, #"{"key":"forbidden","error":"no permission"}"#)
      default: return unexpected(request)
      }
    }
    let error = await expectAPIError {
      try await makeClient(transport).bulkEmploymentHistory(employeeIds: ["1"])
    }
    #expect(error?.kind == .forbidden)
    #expect(error?.records.map(\.status) == [200, 403])
  }

  @Test func perEmployeeHistory() async throws {
    let transport = StubTransport { request, _ in
      switch (request.method, request.url.path) {
      case ("GET", "/v1/people/7/lifecycle"):
        return jsonResponse(
          #"{"values":[{"id":"a","effectiveDate":"2020-01-01","status":"employed","reason":null,"reasonType":null}]}"#
        )
      case ("GET", "/v1/people/7/work"): return jsonResponse(#"{"rows":[]}"#)
      default: return unexpected(request)
      }
    }
    let client = makeClient(transport)
    let answer = try await client.history(.lifecycle, employeeId: "7")
    #expect(answer.value.map(\.id) == ["a"])
    #expect(answer.value.first?.columns["status"] == "employed")
    #expect(answer.records.map(\.path) == ["/v1/people/7/lifecycle"])
    let error = await expectAPIError { try await client.history(.work, employeeId: "7") }
    if case .invalidResponse? = error?.kind {
    } else {
      Issue.record("got \(String(describing: error))")
    }
  }
}
