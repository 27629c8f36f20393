import Foundation
import HibobAPI
import PermissionRules
import Testing

@testable import Preflight

/// Sharing the present-field sets between employees must give every employee the set it would
/// have had alone.
@Suite struct PresentFieldSetsTests {
  private func field(_ id: String, _ category: String) -> FieldInfo {
    FieldInfo(
      id: id, name: id, categoryId: category, categoryDisplayName: nil, type: "text", listId: nil,
      isCustom: false)
  }

  @Test func sharedSetsEqualSetsBuiltPerEmployee() throws {
    let plan = ProbePlan(fields: [
      field("root.firstName", "root"), field("work.site", "work"), field("work.title", "work"),
      field("home.mobilePhone", "home"), field("address.city", "address"),
    ])
    let raws: [[String: JSONValue]] = [
      ["id": "1", "work": ["site": "A", "title": nil], "firstName": "X"],
      ["id": "2", "work": ["site": "B"], "home": ["mobilePhone": nil]],
      ["id": "3", "work": ["site": "C", "title": "T"], "firstName": "Y"],
      ["id": "4", "/address/city": ["value": "Z"]],
      ["id": "5"],
      ["id": "6", "work": ["title": nil], "home": ["mobilePhone": "1"], "firstName": nil],
    ]
    let paths = ProbeSession.SearchPaths(plan)
    var sets = ProbeSession.PresentFieldSets()
    var shared: [EmployeeObservation] = []
    for raw in raws + raws {
      let employee = SearchedEmployee(id: raw["id"]?.stringValue ?? "", raw: raw)
      shared.append(ProbeSession.observe(employee, paths: paths, sets: &sets))
    }
    for (index, raw) in (raws + raws).enumerated() {
      let employee = SearchedEmployee(id: raw["id"]?.stringValue ?? "", raw: raw)
      var alone = Set<String>()
      for asked in plan.askedFields where employee.lookup(asked.fieldId) != .absent {
        alone.insert(asked.fieldId)
      }
      #expect(shared[index].presentFields == alone)
      #expect(shared[index] == ProbeSession.observe(employee, plan: plan))
    }
    #expect(shared[0].presentFields == ["root.firstName", "work.site", "work.title"])
    #expect(shared[4].presentFields.isEmpty)
  }
}
