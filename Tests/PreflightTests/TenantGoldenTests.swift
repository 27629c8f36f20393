import Foundation
import HibobAPI
import PermissionRules
import Simulator
import Testing

@testable import Preflight

/// Golden reports of real checks: the runner against fixture tenants served by the simulator,
/// every format. The clock is fixed and durations and the port are normalised, so the files
/// change only when the rules, the probes or the renderers do.
@Suite(.serialized) struct TenantGoldenTests {
  static let tenants = [
    "compliant", "missing-identification", "not-in-group", "sections-for-some-employees",
    "fields-html",
  ]
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "fixtures/tenants")

  @Test(arguments: tenants)
  func reportsMatchTheirGoldenFiles(_ name: String) async throws {
    let tenant = try Tenant.load(contentsOf: Self.fixtures.appendingPathComponent("\(name).json"))
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let settings = CheckSettings(
      baseURL: hibob.baseURL, environment: .custom,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      toolVersion: "0.1.0", now: { Date(timeIntervalSince1970: 1_795_536_000) })
    let report = Self.normalised(await PreflightRunner.run(settings).report)
    try await SchemaValidation.validate(reportJSON: try report.jsonData())
    for format in ReportFormat.allCases {
      let ext = format == .junit ? "xml" : format == .markdown ? "md" : format.rawValue
      Golden.assertMatches(try format.render(report), file: "tenant-\(name).\(ext)")
    }
  }

  /// Durations and the simulator's port vary run to run; nothing else may.
  static func normalised(_ report: Report) -> Report {
    var copy = report
    copy.target.baseURL = "http://127.0.0.1:PORT/v1"
    copy.requests.durationMs = 0
    for r in copy.results.indices {
      for e in copy.results[r].evidence.indices { copy.results[r].evidence[e].durationMs = 0 }
    }
    return copy
  }
}
