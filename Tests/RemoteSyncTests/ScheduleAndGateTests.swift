import Foundation
import PermissionRules
import Preflight
import RemoteSync
import Testing

@Suite struct DurationTests {
  @Test(arguments: [
    ("4h", 14_400.0), ("30m", 1_800), ("90s", 90), ("1h30m", 5_400), ("2d", 172_800),
    ("1d2h3m4s", 93_784), (" 45M ", 2_700),
  ])
  func validDurations(_ text: String, _ seconds: Double) throws {
    #expect(try SyncSchedule.parseDuration(text) == seconds)
  }

  @Test(arguments: [
    "", "0", "0s", "0h0m", "-5m", "4", "h", "4x", "30m1h", "1h1h", "4 h", "1.5h", "abc",
  ])
  func invalidDurations(_ text: String) {
    #expect(throws: SyncSchedule.DurationError.self) { try SyncSchedule.parseDuration(text) }
    do {
      _ = try SyncSchedule.parseDuration(text)
    } catch {
      #expect(!error.description.contains("\n"))
      #expect(error.description.hasPrefix("--every:"))
    }
  }

  @Test func theLoopStopsWhenTold() async {
    let stop = SyncCancellation()
    let rounds = await SyncSchedule.runEvery(
      interval: 3_600, stop: stop, sleep: { _ in stop.cancel() },
      round: { _ in .result(.gateRefused(reason: "x", failures: [])) }, log: { _, _ in })
    #expect(rounds == 1, "a stop during the wait ends the loop before the next round")
  }
}

@Suite struct ReportGateTests {
  let now = Date(timeIntervalSince1970: 1_795_996_800)  // 2026-11-30T00:00:00Z

  func report(
    verdict: Verdict = .pass, at generated: String = "2026-11-29T23:50:00Z",
    baseURL: String = "https://api.hibob.com/v1", user: String? = "SERVICE-1",
    rules: String = "9f2c61d0"
  ) -> Report {
    Report(
      tool: .init(version: "0.1.0"), rulesVersion: rules, generatedAt: generated,
      target: .init(
        baseURL: baseURL, environment: "production", serviceUserId: user,
        tokenSHA256Prefix: "3c9a07e1", readOnly: false),
      verdict: verdict, summary: .init(),
      results: [
        .init(
          id: "people.work.view", title: "View Work sections", step: "3.10.2",
          severity: .blocking, status: verdict == .pass ? .pass : .fail, reason: "r",
          evidence: [], remediation: "fix it")
      ], diagnosis: [], manualChecks: [],
      requests: .init(count: 1, retries: 0, rateLimited: 0, durationMs: 1))
  }

  func decide(_ r: Report) -> GateDecision {
    ReportGate.decision(
      for: r, now: now, baseURL: "https://api.hibob.com/v1/", serviceUserId: "SERVICE-1",
      rulesVersion: "9f2c61d0")
  }

  @Test func aFreshPassingReportForTheSameTargetPasses() {
    #expect(decide(report()) == .pass)
  }

  @Test func refusals() {
    func reason(_ r: Report) -> String? {
      if case .refused(let why, _) = decide(r) { return why }
      return nil
    }
    #expect(reason(report(verdict: .fail))?.contains("fail") == true)
    #expect(reason(report(verdict: .inconclusive))?.contains("inconclusive") == true)
    #expect(reason(report(at: "2026-11-29T23:44:00Z"))?.contains("16 minutes old") == true)
    #expect(reason(report(at: "2026-11-29T23:45:00Z")) == nil, "exactly 15 minutes is accepted")
    #expect(reason(report(at: "2026-11-30T00:10:00Z"))?.contains("future") == true)
    #expect(reason(report(at: "yesterday"))?.contains("generated_at") == true)
    #expect(
      reason(report(baseURL: "https://api.sandbox.hibob.com/v1"))?.contains("base URL") == true)
    #expect(reason(report(user: "SERVICE-2"))?.contains("service user") == true)
    #expect(reason(report(user: nil))?.contains("service user") == true)
    #expect(reason(report(rules: "00000000"))?.contains("rules") == true)
  }

  @Test func reportFilesAreDecodedFirst() throws {
    func decide(_ data: Data) -> GateDecision {
      ReportGate.decision(
        forReportData: data, now: now, baseURL: "https://api.hibob.com/v1",
        serviceUserId: "SERVICE-1", rulesVersion: "9f2c61d0")
    }
    #expect(decide(try report().jsonData()) == .pass)
    guard case .refused(let why, _) = decide(Data("not json".utf8)) else {
      Issue.record("garbage accepted")
      return
    }
    #expect(why.hasPrefix("the --report file is not usable"))
    var old = report()
    old.schemaVersion = 99
    #expect(decide(try old.jsonData()) != .pass)
  }

  @Test func aFailingReportListsItsFailuresWithFixes() {
    guard case .refused(_, let failures) = decide(report(verdict: .fail)) else {
      Issue.record("not refused")
      return
    }
    #expect(failures.map(\.ruleId) == ["people.work.view"])
    #expect(failures.first?.remediation == "fix it")
  }
}
