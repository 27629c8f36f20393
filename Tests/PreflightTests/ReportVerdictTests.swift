import PermissionRules
import Testing

@testable import Preflight

private func result(_ severity: Severity, _ status: Status) -> Report.Result {
  Report.Result(
    id: "x.y", title: "t", step: "1", severity: severity, status: status, reason: "r",
    evidence: [], remediation: nil)
}

@Test func verdictFollowsTheMatrix() {
  #expect(Report.verdict(of: [result(.blocking, .pass)], strict: false) == .pass)
  #expect(
    Report.verdict(of: [result(.blocking, .fail), result(.blocking, .error)], strict: false)
      == .fail)
  #expect(Report.verdict(of: [result(.blocking, .error)], strict: false) == .inconclusive)
  #expect(Report.verdict(of: [result(.blocking, .manual)], strict: false) == .inconclusive)
  #expect(Report.verdict(of: [result(.blocking, .skipped)], strict: false) == .inconclusive)
  #expect(Report.verdict(of: [result(.advisory, .fail)], strict: false) == .pass)
  #expect(Report.verdict(of: [result(.advisory, .fail)], strict: true) == .fail)
  #expect(Report.verdict(of: [result(.blocking, .warn)], strict: false) == .pass)
  #expect(Report.verdict(of: [result(.blocking, .warn)], strict: true) == .fail)
}
