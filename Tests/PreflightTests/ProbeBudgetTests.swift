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
}
