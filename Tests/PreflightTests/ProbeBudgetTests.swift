import Foundation
import HibobAPI
import PermissionRules
import Simulator
import Testing

@testable import Preflight

/// `permission-matrix.md`: "one bulk employment-history call for a sample of at most 200
/// employees ... The number of calls does not grow with headcount."
@Suite("Probe budget")
struct ProbeBudgetTests {
  @Test func theNumberOfCallsDoesNotGrowWithHeadcount() async throws {
    var counts: [Int: Int] = [:]
    for headcount in [8, 120, 1_500] {
      let tenant = TenantGenerator.generate(employees: headcount, seed: 11, selectedFraction: 0.5)
      let (report, log) = try await RealShapesCheckTests.check(tenant)
      #expect(report.verdict == .pass, "\(headcount) employees")
      let history = log.filter { $0.path == "/v1/bulk/people/employment" }
      #expect(history.count == 1, "\(headcount) employees: \(history.count) history calls")
      let asked = history.first?.query["employeeIds"]?.split(separator: ",").count ?? 0
      #expect(asked == min(headcount, 200), "the sample is at most 200 employees")
      counts[headcount] = report.requests.count
    }
    #expect(Set(counts.values).count == 1, "requests by headcount: \(counts)")
    #expect(counts[1_500] == 7, "metadata, two searches, history, the list and two write probes")
  }

  /// permission-matrix.md: `skipped` means "not probed". A search answered 403 fails Basic info,
  /// which skips the history rule: no history call is sent. A search that errors (a 503) does
  /// not skip it, and one page of everyone's rows decides it.
  @Test(arguments: [(403, false), (503, true)])
  func historyIsAskedOnlyWhenItsRuleIsNotSkipped(status: Int, asked: Bool) async throws {
    var tenant = TenantGenerator.generate(employees: 30, seed: 5, selectedFraction: 0.5)
    tenant.faults = [
      FaultSpec(path: "/v1/people/search", times: 100, kind: .status, status: status)
    ]
    let (report, log) = try await RealShapesCheckTests.check(tenant)
    let history = log.filter { $0.path == "/v1/bulk/people/employment" }
    #expect(history.isEmpty != asked, "\(history.count) history calls")
    let rule = report.results.first { $0.id == "people.employment.history.view" }
    #expect((rule?.status == .skipped) != asked, "\(String(describing: rule?.status))")
  }
}
