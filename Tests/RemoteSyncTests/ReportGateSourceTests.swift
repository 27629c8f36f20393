import Foundation
import PermissionRules
import Preflight
import RemoteSync
import Testing

/// `sync --report` takes only a report of a live check: a replayed one, or one that does not say
/// where it came from, is refused with the reason, whatever else it has going for it.
@Suite struct ReportGateSourceTests {
  let now = Date(timeIntervalSince1970: 1_795_996_800)  // 2026-11-30T00:00:00Z

  func report(source: Report.Source?) -> Report {
    Report(
      tool: .init(version: "0.1.0"), rulesVersion: "9f2c61d0",
      generatedAt: "2026-11-29T23:55:00Z", source: source,
      target: .init(
        baseURL: "https://api.hibob.com/v1", environment: "production",
        serviceUserId: "SERVICE-1", tokenSHA256Prefix: "3c9a07e1", readOnly: false),
      verdict: .pass, summary: .init(pass: 1), results: [], diagnosis: [], manualChecks: [],
      requests: .init(count: 1, retries: 0, rateLimited: 0, durationMs: 1))
  }

  func decide(_ data: Data) -> GateDecision {
    ReportGate.decision(
      forReportData: data, now: now, baseURL: "https://api.hibob.com/v1",
      serviceUserId: "SERVICE-1", rulesVersion: "9f2c61d0")
  }

  func reason(_ decision: GateDecision) -> String? {
    if case .refused(let why, _) = decision { return why }
    return nil
  }

  @Test func onlyALiveReportStandsInForTheCheck() throws {
    #expect(decide(try report(source: .live).jsonData()) == .pass)
    let replayed = reason(decide(try report(source: .replay).jsonData()))
    #expect(replayed?.contains("replayed from a recording") == true, "\(replayed ?? "accepted")")
  }

  @Test func aReportWithoutTheSourceKeyIsReadButNotTakenAsLive() throws {
    var json = try #require(
      try JSONSerialization.jsonObject(with: report(source: .live).jsonData()) as? [String: Any])
    json.removeValue(forKey: "source")
    let data = try JSONSerialization.data(withJSONObject: json)
    let decoded = try Report.decode(data)
    #expect(decoded.source == nil)
    let why = reason(decide(data))
    #expect(why?.contains("does not say it was made by a live check") == true, "\(why ?? "")")
    // Written out again (a bundle of an older report), the key is there, as null.
    let again = try #require(
      try JSONSerialization.jsonObject(with: decoded.jsonData()) as? [String: Any])
    #expect(again["source"] is NSNull)
  }
}
