import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Testing

/// No token and no personal data of the fixture tenants in any output: reports in every format,
/// stdout, stderr and written files, for every fixture tenant (the other hardening tests scan
/// their own outputs with the same scanner).
@Suite("Secrets and personal data")
struct LeakScanTests {
  @Test func theScannerKnowsTheFixturesAndFindsAPlantedLeak() throws {
    let scanner = FixtureLeakScanner.shared
    #expect(scanner.needles.count > 100)
    #expect(scanner.needles.contains { $0.kind == "token" })
    #expect(scanner.needles.contains { $0.kind == "root.email" })
    #expect(scanner.needles.contains { $0.kind == "financial.passportNumber" })
    let clean = "verdict: PASS; 13 employees; ids 3980342332732990001"
    #expect(scanner.hits(in: clean).isEmpty)
    #expect(scanner.hits(in: "token fake-token-0123456789abcdef") == ["token"])
    #expect(scanner.hits(in: "mail ada.example@example.com.").contains("root.email"))
    #expect(scanner.hits(in: "by Ada Example, today").contains("root.displayName"))
    #expect(scanner.hits(in: "Adaptive").isEmpty, "names match whole words only")
  }

  /// Every fixture tenant checked in process, the report rendered in every format (colour
  /// included), and the diff of each against the compliant one.
  @Test func everyTenantInEveryFormat() async throws {
    var reports: [String: Report] = [:]
    for name in HardeningFixtures.tenantNames {
      let tenant = try HardeningFixtures.tenant(name)
      reports[name] = try await InProcessCheck.clean(tenant)
    }
    let compliant = try #require(reports["compliant"])
    for (name, report) in reports.sorted(by: { $0.key < $1.key }) {
      for format in ReportFormat.allCases {
        FixtureLeakScanner.shared.check(try format.render(report), source: "\(name) as \(format)")
      }
      FixtureLeakScanner.shared.check(
        try ReportFormat.text.render(report, color: true), source: "\(name) in colour")
      FixtureLeakScanner.shared.check(report.summaryLine(), source: "\(name) summary line")
      let diff = ReportDiff.diff(old: compliant, new: report)
      FixtureLeakScanner.shared.check(diff.text(), source: "diff compliant -> \(name)")
      FixtureLeakScanner.shared.check(
        try diff.jsonData(), source: "diff compliant -> \(name) (json)")
      for result in report.results {
        for evidence in result.evidence {
          #expect(!evidence.path.contains("@"), "\(name): an email in an evidence path")
        }
      }
    }
    #expect(reports.count == HardeningFixtures.tenantNames.count)
  }

  /// Every fixture tenant through the executable: the report written with --output in one
  /// format, another format on stdout, and stderr, all scanned.
  @Test func everyTenantThroughTheExecutable() async throws {
    let dir = try HardeningFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let names = HardeningFixtures.tenantNames
    let formats = ReportFormat.allCases
    try await withThrowingTaskGroup(of: Void.self) { group in
      var pending = Array(names.enumerated())[...]
      func startNext() {
        guard let (index, name) = pending.popFirst() else { return }
        group.addTask {
          let tenant = try HardeningFixtures.tenant(name)
          try await withSimulatorProcess(tenant) { hibob in
            let format = formats[index % formats.count]
            let output = dir.appendingPathComponent("\(name).\(format.rawValue)")
            let base = ["check", "--base-url", hibob.baseURL, "--deadline", "20"]
            let written = try await HardeningProcess.run(
              base + ["--format", format.rawValue, "--output", output.path],
              environment: HardeningFixtures.environment(tenant), timeout: 60)
            #expect([0, 1, 3].contains(written.exitCode), "\(name): exit \(written.exitCode)")
            #expect(FileManager.default.fileExists(atPath: output.path))
            FixtureLeakScanner.shared.check(written.output, source: "\(name) --output run")
            let printed = try await HardeningProcess.run(
              base + ["--format", formats[(index + 1) % formats.count].rawValue],
              environment: HardeningFixtures.environment(tenant), timeout: 60)
            #expect(printed.exitCode == written.exitCode, "\(name): the same verdict twice")
            FixtureLeakScanner.shared.check(printed.output, source: "\(name) stdout run")
          }
        }
      }
      for _ in 0..<3 { startNext() }
      while try await group.next() != nil { startNext() }
    }
    FixtureLeakScanner.shared.checkFiles(under: dir, source: "written reports")
  }
}
