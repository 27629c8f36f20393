import Foundation
import Simulator
import Testing

@Suite("History tables")
struct HibobHistoryTests {
  private func rows(_ answer: Answer) -> [String: [[String: Any]]] {
    var result: [String: [[String: Any]]] = [:]
    for entry in answer.object["results"] as? [[String: Any]] ?? [] {
      let id = entry["employeeId"] as? String ?? ""
      result[id, default: []] += entry["values"] as? [[String: Any]] ?? []
    }
    return result
  }

  @Test("per employee: every row with the section history, isCurrent on the latest in effect")
  func perEmployee() async throws {
    let sim = try Fixtures.simulator("compliant")
    let answer = await sim.send("GET", "/v1/people/\(People.ceo)/employment")
    #expect(answer.status == 200)
    let values = try #require(answer.object["values"] as? [[String: Any]])
    #expect(values.count == 3)
    #expect(values.map { $0["isCurrent"] as? Bool } == [false, false, true])
    #expect(values.allSatisfy { $0["id"] != nil && $0["effectiveDate"] is String })
    // The article grants no Lifecycle section: that table is forbidden.
    let forbidden = await sim.send("GET", "/v1/people/\(People.terminated)/lifecycle")
    #expect(forbidden.status == 403)
    var tenant = try Fixtures.tenant("compliant")
    tenant.permissionGroup.sectionHistories.append("lifecycle")
    let lifecycle = await HibobSimulator(tenant: tenant).send(
      "GET", "/v1/people/\(People.terminated)/lifecycle")
    let statuses = (lifecycle.object["values"] as? [[String: Any]])?.map { $0["status"] as? String }
    #expect(statuses == ["employed", "terminated"])
    let outside = await sim.send("GET", "/v1/people/999/work")
    #expect(outside.status == 404)
  }

  @Test("bulk: limit counts rows and next_cursor pages through, splitting an employee")
  func bulkPaging() async throws {
    let sim = try Fixtures.simulator("compliant")
    let ids = [People.ceo, People.engineeringManager, People.id(3)]
    var merged: [String: Int] = [:]
    var cursor: String?
    var pages = 0
    repeat {
      var target = "/v1/bulk/people/employment?limit=2&employeeIds=\(ids.joined(separator: ","))"
      if let cursor { target += "&cursor=\(cursor)" }
      let answer = await sim.send("GET", target)
      #expect(answer.status == 200)
      let page = rows(answer)
      #expect(page.values.reduce(0) { $0 + $1.count } <= 2)
      for (id, r) in page { merged[id, default: 0] += r.count }
      let metadata = answer.object["response_metadata"] as? [String: Any]
      cursor = metadata?["next_cursor"] as? String
      pages += 1
    } while cursor != nil && pages < 10
    #expect(merged == [People.ceo: 3, People.engineeringManager: 2, People.id(3): 2])
    #expect(pages == 4)
  }

  @Test("bulk without section history: only the current row")
  func currentRowOnly() async throws {
    let sim = try Fixtures.simulator("missing-employment-history")
    let answer = await sim.send(
      "GET", "/v1/bulk/people/employment?employeeIds=\(People.ceo),\(People.engineeringManager)")
    let byEmployee = rows(answer)
    #expect(byEmployee[People.ceo]?.count == 1)
    #expect(byEmployee[People.ceo]?.first?["isCurrent"] as? Bool == true)
    #expect(byEmployee[People.engineeringManager]?.count == 1)
  }

  @Test("bulk: out-of-scope ids are listed under errors")
  func errors() async throws {
    let sim = try Fixtures.simulator("applies-to-department")
    let answer = await sim.send(
      "GET",
      "/v1/bulk/people/employment?employeeIds=\(People.ceo),\(People.engineeringManager),nobody")
    #expect(answer.status == 200)
    let errors = try #require(answer.object["errors"] as? [[String: Any]])
    #expect(errors.compactMap { $0["employeeId"] as? String } == [People.ceo, "nobody"])
    #expect(errors.allSatisfy { $0["error"] is String })
    #expect(rows(answer).keys.sorted() == [People.engineeringManager])
  }

  @Test("bulk: neither section nor history permission is 403")
  func forbidden() async throws {
    let sim = try Fixtures.simulator("not-in-group")
    let answer = await sim.send("GET", "/v1/bulk/people/employment")
    #expect(answer.status == 403)
    #expect(answer.object["key"] as? String == "forbidden")
    #expect((answer.object["error"] as? String)?.contains("does not have permission") == true)
  }

  @Test("bulk: bad limits, too many ids and bad cursors are 400")
  func badParameters() async throws {
    let sim = try Fixtures.simulator("compliant")
    for query in ["limit=0", "limit=201", "limit=x", "cursor=nonsense"] {
      let answer = await sim.send("GET", "/v1/bulk/people/work?\(query)")
      #expect(answer.status == 400, "\(query)")
    }
    let ids = (0...200).map { "e\($0)" }.joined(separator: ",")
    let tooMany = await sim.send("GET", "/v1/bulk/people/work?employeeIds=\(ids)")
    #expect(tooMany.status == 400)
    let fine = await sim.send("GET", "/v1/bulk/people/work?limit=200")
    #expect(fine.status == 200)
    #expect(rows(fine).count == People.all.count)
  }

  @Test("field-level permissions: restricted columns are null, with the header and the list")
  func restrictedColumns() async throws {
    let sim = try Fixtures.simulator("history-restricted-columns")
    let answer = await sim.send("GET", "/v1/bulk/people/employment?employeeIds=\(People.ceo)")
    #expect(answer.header("X-Has-Restricted-Columns") == "true")
    let restricted = try #require(answer.object["restricted_columns"] as? [String: Any])
    #expect(restricted["no_view_history_permission"] as? [String] == ["contract", "fte"])
    #expect(restricted["no_view_permission"] as? [String] == [])
    let values = try #require(rows(answer)[People.ceo])
    #expect(values.count == 3)
    for row in values {
      let current = row["isCurrent"] as? Bool == true
      #expect((row["contract"] is NSNull) == !current)
    }
    let plain = try Fixtures.simulator("compliant")
    let normal = await plain.send("GET", "/v1/bulk/people/employment?employeeIds=\(People.ceo)")
    #expect(normal.header("X-Has-Restricted-Columns") == nil)
    #expect(normal.object["restricted_columns"] == nil)
  }
}
